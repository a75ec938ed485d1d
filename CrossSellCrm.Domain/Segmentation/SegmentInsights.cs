using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Segmentation;

/// <summary>One bar of a composition chart: members with this attribute value, against all customers with it.</summary>
public sealed record CompositionBar(string Key, int Members, int All);

/// <summary>How a segment is made up along one attribute, against the whole customer base.</summary>
public sealed record Composition(Dimension Dimension, string Attribute, int Members, int All, IReadOnlyList<CompositionBar> Bars)
{
    public double SegmentShare(CompositionBar bar) => Members == 0 ? 0 : (double)bar.Members / Members;
    public double BaseShare(CompositionBar bar) => All == 0 ? 0 : (double)bar.All / All;
}

public sealed record SegmentMember(int Id, string CustomerNumber, string Name, string? City, string Country, int? Age, decimal Monetary, int Frequency,
    DateTime? LastOrderAt, byte RecencyScore, byte FrequencyScore, byte MonetaryScore);

public enum MemberSort { Name, City, Monetary, Frequency, LastOrder }

/// <summary>A segment's composition along each dimension, and its members page by page (sorted and filtered in the database).</summary>
public sealed class SegmentInsights(IDbContextFactory<CrmDbContext> factory, TimeProvider clock, Kpis.KpiCubeStore cubes, Changes.ChangeHub changes)
{
    public static readonly string[] AgeBands = ["<25", "25–34", "35–44", "45–54", "55–64", "65+", "?"];

    /// <summary>The members' average CLV so far, as the builder's preview counts it, and the same for all customers.</summary>
    public async Task<(decimal? Members, decimal? AllCustomers)> AverageClvAsync(int segmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var members = await db.SegmentMemberships.Where(m => m.SegmentId == segmentId).Select(m => m.CustomerId).ToListAsync(ct);
        var all = await db.Customers.Select(c => c.Id).ToListAsync(ct);
        return (await MemberClv.AverageAsync(db, cubes, members, today, ct), await MemberClv.AverageAsync(db, cubes, all, today, ct));
    }

    public async Task<IReadOnlyList<Composition>> CompositionAsync(int segmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await db.Customers.Select(c => new
        {
            Member = db.SegmentMemberships.Any(m => m.SegmentId == segmentId && m.CustomerId == c.Id),
            c.BirthDate, c.Gender, c.IncomeBand, c.Country, Lifestyle = c.Lifestyle!.Code, c.Behaviour.RecencyScore, c.Behaviour.FrequencyScore,
        }).ToListAsync(ct);
        var members = rows.Count(r => r.Member);

        Composition Of<T>(Dimension dimension, string attribute, Func<T, string> key, IEnumerable<(bool Member, T Value)> values, IReadOnlyList<string>? order = null)
        {
            var bars = values.GroupBy(v => key(v.Value)).Select(g => new CompositionBar(g.Key, g.Count(v => v.Member), g.Count())).ToList();
            bars = order is null ? bars.OrderByDescending(b => b.All).ThenBy(b => b.Key, StringComparer.Ordinal).Take(8).ToList()
                                 : bars.OrderBy(b => order.ToList().IndexOf(b.Key)).ToList();
            return new Composition(dimension, attribute, members, rows.Count, bars);
        }

        return
        [
            Of(Dimension.Demographic, "age", b => AgeBand(b, today), rows.Select(r => (r.Member, r.BirthDate)), AgeBands),
            Of(Dimension.Demographic, "income", i => i.ToString(), rows.Select(r => (r.Member, r.IncomeBand)), Enum.GetNames<IncomeBand>()),
            Of(Dimension.Geographic, "country", c => c, rows.Select(r => (r.Member, r.Country))),
            Of(Dimension.Psychographic, "lifestyle", l => l ?? "?", rows.Select(r => (r.Member, r.Lifestyle))),
            Of(Dimension.Behavioural, "recencyScore", s => s.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Select(r => (r.Member, r.RecencyScore)), ["0", "1", "2", "3", "4", "5"]),
            Of(Dimension.Behavioural, "frequencyScore", s => s.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Select(r => (r.Member, r.FrequencyScore)), ["0", "1", "2", "3", "4", "5"]),
        ];
    }

    private static string AgeBand(DateOnly? born, DateOnly today)
    {
        if (born is not { } b) return "?";
        return Customer.AgeOn(b, today) switch { < 25 => AgeBands[0], < 35 => AgeBands[1], < 45 => AgeBands[2], < 55 => AgeBands[3], < 65 => AgeBands[4], _ => AgeBands[5] };
    }

    /// <summary>A page of members, filtered by name, number or city, sorted in the database.</summary>
    public async Task<(IReadOnlyList<SegmentMember> Rows, int Total)> MembersAsync(int segmentId, int skip, int take, MemberSort sort, bool descending,
        string? search = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var members = db.Customers.Where(c => !c.IsErased && db.SegmentMemberships.Any(m => m.SegmentId == segmentId && m.CustomerId == c.Id));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search.Trim().ToLowerInvariant());
            members = members.Where(c => EF.Functions.Like(EF.Property<string>(c, nameof(Customer.SearchText)), pattern, LikePattern.Escape));
        }
        var total = await members.CountAsync(ct);
        members = (sort, descending) switch
        {
            (MemberSort.City, false) => members.OrderBy(c => c.City).ThenBy(c => c.Id),
            (MemberSort.City, true) => members.OrderByDescending(c => c.City).ThenBy(c => c.Id),
            (MemberSort.Monetary, false) => members.OrderBy(c => (double)c.Behaviour.Monetary).ThenBy(c => c.Id),
            (MemberSort.Monetary, true) => members.OrderByDescending(c => (double)c.Behaviour.Monetary).ThenBy(c => c.Id),
            (MemberSort.Frequency, false) => members.OrderBy(c => c.Behaviour.Frequency).ThenBy(c => c.Id),
            (MemberSort.Frequency, true) => members.OrderByDescending(c => c.Behaviour.Frequency).ThenBy(c => c.Id),
            (MemberSort.LastOrder, false) => members.OrderBy(c => c.Behaviour.LastOrderAt).ThenBy(c => c.Id),
            (MemberSort.LastOrder, true) => members.OrderByDescending(c => c.Behaviour.LastOrderAt).ThenBy(c => c.Id),
            (_, false) => members.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id),
            (_, true) => members.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName).ThenBy(c => c.Id),
        };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await members.Skip(skip).Take(take)
            .Select(c => new { c.Id, c.CustomerNumber, Name = c.FirstName + " " + c.LastName, c.City, c.Country, c.BirthDate, c.Behaviour })
            .ToListAsync(ct);
        return (rows.Select(r => new SegmentMember(r.Id, r.CustomerNumber, r.Name, r.City, r.Country,
            r.BirthDate is { } b ? Customer.AgeOn(b, today) : null,
            r.Behaviour.Monetary, r.Behaviour.Frequency, r.Behaviour.LastOrderAt, r.Behaviour.RecencyScore, r.Behaviour.FrequencyScore, r.Behaviour.MonetaryScore)).ToList(), total);
    }

    /// <summary>Deletes a segment and its memberships; built-in segments stay.</summary>
    /// <returns>False when it does not exist or is built in.</returns>
    public async Task<bool> DeleteAsync(int segmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == segmentId, ct);
        if (segment is null || segment.IsBuiltIn) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SegmentMemberships.Where(m => m.SegmentId == segmentId).ExecuteDeleteAsync(ct);
        db.Segments.Remove(segment);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        cubes.SegmentChanged(segmentId, segment.Name, null);
        changes.Publish(new Changes.SegmentChanged(segmentId));
        return true;
    }
}
