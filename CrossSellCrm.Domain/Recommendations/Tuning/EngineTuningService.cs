using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations.Tuning;

/// <summary>The manager's engine settings as stored; a change is published once, and the engine is rebuilt where that is heard.</summary>
public sealed class EngineTuningService(IDbContextFactory<CrmDbContext> factory, Changes.ChangeHub changes)
{
    /// <summary>The stored tuning, or the defaults when a manager never set one.</summary>
    public async Task<EngineTuning> GetAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.EngineTunings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new EngineTuning();
    }

    /// <exception cref="ValidationException">Out of range, or someone changed it since <paramref name="version"/>.</exception>
    public async Task<Guid> SetMarginWeightAsync(double weight, Guid version, CancellationToken ct = default)
    {
        if (!(weight >= 0 && weight <= 1)) // NaN fails too
            throw new ValidationException([new ValidationFailure(nameof(EngineTuning.MarginWeight), Localization.Messages.Text("Tuning_MarginWeightRange"))]);
        await using var db = await factory.CreateDbContextAsync(ct);
        var tuning = await db.EngineTunings.FirstOrDefaultAsync(ct);
        if (tuning is null)
        {
            if (version != Guid.Empty) throw Stale();
            tuning = new EngineTuning();
            db.EngineTunings.Add(tuning);
        }
        else db.Entry(tuning).Property(t => t.Version).OriginalValue = version;
        tuning.MarginWeight = Math.Round(weight, 2);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or DbUpdateException)
        {
            throw Stale(); // another manager saved first (or created the row at the same moment)
        }
        changes.Publish(new Changes.EngineTuningChanged(OfferStrategy.Of(tuning)));
        return tuning.Version;
    }

    private static ValidationException Stale() =>
        new([new ValidationFailure(nameof(EngineTuning.Version), Localization.Messages.Text("Tuning_Stale"))]);
}
