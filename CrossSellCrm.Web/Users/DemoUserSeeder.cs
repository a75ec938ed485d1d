using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace CrossSellCrm.Web.Users;

/// <summary>
/// The demo users: the generated sales reps get a password, and one manager, trainer and admin are
/// added. Only in Development or with Demo:SeedUsers — the password is public (README).
/// </summary>
public sealed class DemoUserSeeder(UserManager<CrmUser> users, ILogger<DemoUserSeeder> logger)
{
    public const string Password = "CrossSell-Demo1";

    public static readonly (string Email, string Name, string Role)[] Staff =
    [
        ("mara.schulz@crm.example", "Mara Schulz", Roles.Manager),
        ("tim.hoffmann@crm.example", "Tim Hoffmann", Roles.Trainer),
        ("admin@crm.example", "Alex Admin", Roles.Admin),
    ];

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        foreach (var (id, first, last) in DemoDataGenerator.DemoReps)
        {
            var rep = await users.FindByIdAsync(id);
            if (rep is null)
            {
                var email = DemoDataGenerator.RepEmail(first, last);
                rep = new CrmUser { Id = id, UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{first} {last}" };
                Check(await users.CreateAsync(rep), email);
            }
            await EnsurePasswordAndRole(rep, Roles.Sales);
        }
        foreach (var (email, name, role) in Staff)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new CrmUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                Check(await users.CreateAsync(user), email);
            }
            await EnsurePasswordAndRole(user, role);
        }
        logger.LogInformation("Demo users ready ({Count})", DemoDataGenerator.DemoReps.Length + Staff.Length);
    }

    private async Task EnsurePasswordAndRole(CrmUser user, string role)
    {
        if (!await users.HasPasswordAsync(user)) Check(await users.AddPasswordAsync(user, Password), user.Email);
        if (!await users.IsInRoleAsync(user, role)) Check(await users.AddToRoleAsync(user, role), user.Email);
    }

    private static void Check(IdentityResult result, string? who)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not set up demo user {who}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
