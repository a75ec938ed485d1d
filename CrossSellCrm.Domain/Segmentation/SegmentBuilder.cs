using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Localization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Segmentation;

/// <summary>What a rule would select, shown while it is edited.</summary>
public sealed record SegmentPreview(int Members, int Customers, decimal Revenue, decimal TotalRevenue, decimal? AverageClv, IReadOnlyList<CustomerSummary> Sample)
{
    public double? Share => Kpis.KpiFormulas.Rate(Members, Customers);
    public double? RevenueShare => TotalRevenue == 0 ? null : (double)(Revenue / TotalRevenue);
}

/// <summary>
/// Previews and saves segments. Every rule is validated first and runs as SQL (see <see cref="SegmentQuery"/>);
/// saving materialises the membership in the same transaction, so what the preview counted is what is stored.
/// </summary>
public sealed class SegmentBuilder(IDbContextFactory<CrmDbContext> factory, TimeProvider clock, Kpis.KpiCubeStore cubes, Changes.ChangeHub changes)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <exception cref="ValidationException">The rule is not valid; the errors name the rule by its path.</exception>
    public async Task<SegmentPreview> PreviewAsync(RuleNode rule, int sample = 8, CancellationToken ct = default)
    {
        await new SegmentRuleValidator().ValidateAndThrowAsync(rule, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        // One scan with the rule for the members and their revenue; the rest is arithmetic on that.
        var members = await db.Customers.Where(c => !c.IsErased).Where(SegmentQuery.Predicate(rule, Today, db.Subscriptions))
            .Select(c => new { c.Id, Monetary = (double)c.Behaviour.Monetary }).ToListAsync(ct);
        var all = await db.Customers.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Revenue = g.Sum(c => (double)c.Behaviour.Monetary) }).FirstOrDefaultAsync(ct);
        var sampleIds = members.OrderByDescending(m => m.Monetary).ThenBy(m => m.Id).Take(sample).Select(m => m.Id).ToList();
        var top = (await db.Customers.Where(c => sampleIds.Contains(c.Id))
                .Select(c => new CustomerSummary(c.Id, c.CustomerNumber, c.FirstName + " " + c.LastName, c.City, c.Behaviour.LastOrderAt, c.Behaviour.Monetary))
                .ToListAsync(ct))
            .OrderBy(c => sampleIds.IndexOf(c.Id)).ToList();
        var ids = members.Select(m => m.Id).ToList();
        return new SegmentPreview(members.Count, all?.Count ?? 0, (decimal)members.Sum(m => m.Monetary), (decimal)(all?.Revenue ?? 0),
            await MemberClv.AverageAsync(db, cubes, ids, Today, ct), top);
    }

    /// <summary>Creates or updates a segment and stores its members; returns its id.</summary>
    /// <exception cref="ValidationException">
    /// Name or rule invalid; another segment has the name (also when two managers create it at the same moment);
    /// or someone else saved the segment since <see cref="SegmentInput.Version"/> was read.
    /// </exception>
    public async Task<int> SaveAsync(SegmentInput input, string? ownerId, CancellationToken ct = default)
    {
        await new SegmentInputValidator().ValidateAndThrowAsync(input, ct);
        var name = input.Name.Trim();
        await using var db = await factory.CreateDbContextAsync(ct);
        var german = input.Id is { } edited && input.Language == "de" && await db.Segments.AnyAsync(s => s.Id == edited && s.NameDe != null, ct);
        if (!german && await db.Segments.AnyAsync(s => s.Name == name && s.Id != input.Id, ct)) throw NameTaken();

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var segment = input.Id is { } existing
            ? await db.Segments.FirstOrDefaultAsync(s => s.Id == existing, ct) ?? throw new ValidationException([new ValidationFailure("Id", Messages.Text("Seg_NoSuchSegment"))])
            : db.Segments.Add(new Segment { Name = name, RuleDefinition = "", OwnerId = ownerId, CreatedAt = now }).Entity;
        if (input.Id is not null && input.Version is { } version) db.Entry(segment).Property(s => s.Version).OriginalValue = version;
        if (german) (segment.NameDe, segment.DescriptionDe) = (name, input.Description?.Trim());
        else (segment.Name, segment.Description) = (name, input.Description?.Trim());
        (segment.RuleDefinition, segment.UpdatedAt) = (input.Rule.ToJson(), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationException([new ValidationFailure(nameof(input.Version), Messages.Text("Seg_Stale"))]);
        }
        catch (DbUpdateException e) when (UniqueViolation(e))
        {
            throw NameTaken(); // created at the same moment by someone else: the unique index decided
        }
        segment.MemberCount = await MaterializeAsync(db, segment.Id, input.Rule, now, ct);
        segment.MembershipComputedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await TellDashboardsAsync(db, segment, ct);
        return segment.Id;
    }

    private static ValidationException NameTaken() => new([new ValidationFailure(nameof(SegmentInput.Name), Messages.Text("Seg_NameTaken"))]);

    /// <summary>SQLite's constraint error (19) or PostgreSQL's unique violation (23505).</summary>
    private static bool UniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } => true,
        Npgsql.PostgresException { SqlState: "23505" } => true,
        _ => false,
    };

    /// <summary>Recomputes every segment's members from its rule (after the data changed); returns how many segments.</summary>
    public async Task<int> RefreshAllAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var segments = await db.Segments.ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var segment in segments)
        {
            if (RuleNode.Parse(segment.RuleDefinition) is not { } rule || !(await new SegmentRuleValidator().ValidateAsync(rule, ct)).IsValid) continue;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var count = await MaterializeAsync(db, segment.Id, rule, now, ct);
            await db.Segments.Where(s => s.Id == segment.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.MemberCount, count).SetProperty(x => x.MembershipComputedAt, now), ct);
            await transaction.CommitAsync(ct);
            await TellDashboardsAsync(db, segment, ct);
        }
        return segments.Count;
    }

    private async Task TellDashboardsAsync(CrmDbContext db, Segment segment, CancellationToken ct)
    {
        changes.Publish(new Changes.SegmentChanged(segment.Id));
        if (cubes.Current is null) return;
        cubes.SegmentChanged(segment.Id, segment.Name, await db.SegmentMemberships.Where(m => m.SegmentId == segment.Id).Select(m => m.CustomerId).ToListAsync(ct), segment.NameDe);
    }

    /// <summary>Replaces the segment's members with the customers its rule selects now; members keep their "since".</summary>
    private async Task<int> MaterializeAsync(CrmDbContext db, int segmentId, RuleNode rule, DateTime now, CancellationToken ct)
    {
        var matching = await db.Customers.Where(c => !c.IsErased).Where(SegmentQuery.Predicate(rule, Today, db.Subscriptions)).Select(c => c.Id).ToListAsync(ct);
        var current = await db.SegmentMemberships.Where(m => m.SegmentId == segmentId).Select(m => m.CustomerId).ToListAsync(ct);
        var keep = matching.ToHashSet();
        var gone = current.Where(c => !keep.Contains(c)).ToList();
        if (gone.Count > 0) await db.SegmentMemberships.Where(m => m.SegmentId == segmentId && gone.Contains(m.CustomerId)).ExecuteDeleteAsync(ct);
        var had = current.ToHashSet();
        db.SegmentMemberships.AddRange(matching.Where(c => !had.Contains(c)).Select(c => new SegmentMembership { SegmentId = segmentId, CustomerId = c, Since = now }));
        await db.SaveChangesAsync(ct);
        return matching.Count;
    }
}
