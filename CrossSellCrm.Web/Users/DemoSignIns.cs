using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Web.Users;

/// <summary>
/// The demo users that can sign in — with the password printed in the README. Outside Development and Testing
/// the app refuses to start while there are any (unless Demo:SeedUsers asks for them), and the
/// `remove-demo-users` verb takes them away: the demo manager, trainer and admin exist only to sign in and are
/// deleted; the demo reps are also the demo data's sales reps (customers, orders, offers and practice answers
/// name them), so they stay as names and only lose their password.
/// </summary>
public static class DemoSignIns
{
    public const string RemoveCommand = "dotnet run --project CrossSellCrm.Web -- remove-demo-users";

    private static readonly string[] RepIds = [.. DemoDataGenerator.DemoReps.Select(r => r.Id)];
    private static readonly string[] StaffEmails = [.. DemoUserSeeder.Staff.Select(s => s.Email.ToUpperInvariant())];

    /// <summary>The e-mail addresses of the demo users that have a password.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(CrmDbContext db, CancellationToken ct = default) =>
        await db.Users.Where(u => u.PasswordHash != null && (RepIds.Contains(u.Id) || StaffEmails.Contains(u.NormalizedEmail!)))
            .OrderBy(u => u.Email).Select(u => u.Email ?? u.Id).ToListAsync(ct);

    /// <summary>Deletes the demo staff and takes the demo reps' passwords; returns how many could sign in before.</summary>
    public static async Task<int> RemoveAsync(CrmDbContext db, CancellationToken ct = default)
    {
        var couldSignIn = (await FindAsync(db, ct)).Count;
        db.Users.RemoveRange(await db.Users.Where(u => StaffEmails.Contains(u.NormalizedEmail!)).ToListAsync(ct));
        foreach (var rep in await db.Users.Where(u => RepIds.Contains(u.Id) && u.PasswordHash != null).ToListAsync(ct))
        {
            rep.PasswordHash = null;
            rep.SecurityStamp = Guid.NewGuid().ToString("N"); // ends their open sessions at the next check
        }
        await db.SaveChangesAsync(ct);
        return couldSignIn;
    }
}
