using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations;

/// <summary>A rep's notes on a call: one note per call, saved as the rep types.</summary>
public sealed class CallNoteBook(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    public const int MaxLength = 4000;

    /// <summary>Creates the note (no id yet) or updates the rep's own note; returns its id. Blank text saves nothing.</summary>
    /// <exception cref="ValidationException">Too long, or the note belongs to someone else or another customer.</exception>
    public async Task<long?> SaveAsync(int customerId, string? repId, long? noteId, string? text, CancellationToken ct = default)
    {
        if (text is { Length: > MaxLength })
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("Text", Messages.Text("Note_TooLong", MaxLength))]);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (noteId is { } id)
        {
            var note = await db.CallNotes.FirstOrDefaultAsync(n => n.Id == id && n.CustomerId == customerId && n.RepId == repId, ct)
                ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("Id", Messages.Text("Note_NotYours"))]);
            note.Text = text ?? "";
            note.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return note.Id;
        }
        if (string.IsNullOrWhiteSpace(text)) return null;
        var created = new CallNote { CustomerId = customerId, RepId = repId, CreatedAt = now, UpdatedAt = now, Text = text };
        db.CallNotes.Add(created);
        await db.SaveChangesAsync(ct);
        return created.Id;
    }
}
