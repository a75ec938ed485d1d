using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Coaching;

public sealed record TraineeSummary(string TraineeId, string Trainee, int Sessions, double AverageTotal, DateTime LastAt, ScoreDimension Weakest);

public sealed record PracticePoint(DateTime At, int CaseId, string Case, int Total, IReadOnlyDictionary<ScoreDimension, int> Parts);

/// <summary>A rep's real calls in a period: how many offers per call and how many were accepted.</summary>
public sealed record CallNumbers(int Calls, int Presented, int Accepted)
{
    public double? OffersPerCall => Calls == 0 ? null : (double)Presented / Calls;
    public double? AcceptanceRate => Presented == 0 ? null : (double)Accepted / Presented;
}

public sealed record TraineeProgress(string TraineeId, string Trainee, IReadOnlyList<PracticePoint> Answers,
    IReadOnlyDictionary<ScoreDimension, double> AverageParts, ScoreDimension? Weakest,
    CallNumbers Calls, double? TeamMedianOffersPerCall, double? TeamMedianAcceptance, int CallDays);

public sealed record WrongOffer(int ProductId, string Product, int Times, bool MustNotOffer);

public sealed record CaseProgress(int CaseId, int Answers, double? AverageTotal, IReadOnlyDictionary<ScoreDimension, double> AverageParts,
    IReadOnlyList<int> TotalsBand, IReadOnlyList<WrongOffer> WrongOffers);

/// <summary>What practice shows over time, beside the real calls: per trainee and per case.</summary>
public sealed class CoachingProgress(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    /// <summary>Real-call numbers are taken over this many days before today.</summary>
    public const int CallDays = 90;

    public async Task<IReadOnlyList<TraineeSummary>> TraineesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.PracticeAnswers.AsNoTracking()
            .GroupBy(a => new { a.TraineeId, a.Trainee!.DisplayName })
            .Select(g => new
            {
                g.Key.TraineeId, g.Key.DisplayName, Sessions = g.Count(), Total = g.Average(a => (double)a.Total), Last = g.Max(a => a.SubmittedAt),
                R = g.Average(a => (double)a.Relevance), Pe = g.Average(a => (double)a.Personalisation), Tr = g.Average(a => (double)a.Transparency),
                Pr = g.Average(a => (double)a.Pressure), Ti = g.Average(a => (double)a.Timing),
            }).ToListAsync(ct);
        return rows.Select(r => new TraineeSummary(r.TraineeId, r.DisplayName, r.Sessions, r.Total, r.Last,
                Weakest(PracticeAnswer.Parts(r.R, r.Pe, r.Tr, r.Pr, r.Ti))!.Value))
            .OrderBy(r => r.Trainee).ToList();
    }

    /// <returns>Null when there is no such user.</returns>
    public async Task<TraineeProgress?> TraineeAsync(string traineeId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var name = await db.Users.Where(u => u.Id == traineeId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        if (name is null) return null;
        var answers = (await db.PracticeAnswers.AsNoTracking().Where(a => a.TraineeId == traineeId).OrderBy(a => a.SubmittedAt)
                .Select(a => new { a.SubmittedAt, a.Session!.CaseId, a.Session.Case!.Title, a.Total, a.Relevance, a.Personalisation, a.Transparency, a.Pressure, a.Timing })
                .ToListAsync(ct))
            .Select(a => new PracticePoint(a.SubmittedAt, a.CaseId, a.Title, a.Total, PracticeAnswer.Parts(a.Relevance, a.Personalisation, a.Transparency, a.Pressure, a.Timing)))
            .ToList();
        var averages = answers.Count == 0
            ? new Dictionary<ScoreDimension, double>()
            : Enum.GetValues<ScoreDimension>().ToDictionary(d => d, d => answers.Average(a => (double)a.Parts[d]));

        var since = Kpis.Period.LastDays(CallDays, clock.GetUtcNow().UtcDateTime).From; // the same 90 days as the rep's home page
        // A call is a rep's offers to one customer on one day. Acceptance is the KPI's offer conversion (accepted ÷
        // presented, every logged offer), the same number the rep's home page and the offer learning page show.
        var calls = await db.OfferPresentations.AsNoTracking()
            .Where(o => o.PresentedAt >= since && o.RepId != null)
            .GroupBy(o => new { o.RepId, o.CustomerId, Day = o.PresentedAt.Date })
            .Select(g => new { g.Key.RepId, Presented = g.Count(), Accepted = g.Count(o => o.Outcome == OfferOutcome.Accepted) })
            .ToListAsync(ct);
        var perRep = calls.GroupBy(c => c.RepId!)
            .ToDictionary(g => g.Key, g => new CallNumbers(g.Count(), g.Sum(c => c.Presented), g.Sum(c => c.Accepted)));
        var own = perRep.GetValueOrDefault(traineeId) ?? new CallNumbers(0, 0, 0);
        return new TraineeProgress(traineeId, name, answers, averages, Weakest(averages), own,
            Median(perRep.Values.Select(c => c.OffersPerCall)), Median(perRep.Values.Select(c => c.AcceptanceRate)), CallDays);
    }

    /// <returns>Null when there is no such case.</returns>
    public async Task<CaseProgress?> CaseAsync(int caseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var json = await db.PracticeCases.Where(c => c.Id == caseId).Select(c => c.ReferenceJson).FirstOrDefaultAsync(ct);
        if (json is null) return null;
        var reference = CaseJson.Reference(json);
        var answers = await db.PracticeAnswers.AsNoTracking().Where(a => a.Session!.CaseId == caseId)
            .Select(a => new { a.PickedProductIds, a.Total, a.Relevance, a.Personalisation, a.Transparency, a.Pressure, a.Timing }).ToListAsync(ct);
        var parts = answers.Count == 0
            ? new Dictionary<ScoreDimension, double>()
            : PracticeAnswer.Parts(answers.Average(a => a.Relevance), answers.Average(a => a.Personalisation), answers.Average(a => a.Transparency),
                answers.Average(a => a.Pressure), answers.Average(a => a.Timing));
        var good = reference.Where(r => !r.MustNotOffer).Select(r => r.ProductId).ToHashSet();
        var mustNot = reference.Where(r => r.MustNotOffer).Select(r => r.ProductId).ToHashSet();
        var wrong = answers.SelectMany(a => PracticeAnswer.ParsePicks(a.PickedProductIds)).Where(id => !good.Contains(id))
            .GroupBy(id => id).Select(g => (Id: g.Key, Times: g.Count())).OrderByDescending(g => g.Times).ThenBy(g => g.Id).Take(10).ToList();
        var ids = wrong.Select(w => w.Id).ToList();
        var names = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        // Totals in five bands of 20 points: 0–19 … 80–100.
        var bands = new int[5];
        foreach (var a in answers) bands[Math.Min(4, a.Total / 20)]++;
        return new CaseProgress(caseId, answers.Count, answers.Count == 0 ? null : answers.Average(a => a.Total), parts, bands,
            wrong.Select(w => new WrongOffer(w.Id, names.GetValueOrDefault(w.Id, $"#{w.Id}"), w.Times, mustNot.Contains(w.Id))).ToList());
    }

    /// <summary>The part with the lowest average (the first of equals, in the order the parts are listed); null without answers.</summary>
    public static ScoreDimension? Weakest(IReadOnlyDictionary<ScoreDimension, double> averages) =>
        averages.Count == 0 ? null : Enum.GetValues<ScoreDimension>().Where(averages.ContainsKey).MinBy(d => averages[d]);

    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
