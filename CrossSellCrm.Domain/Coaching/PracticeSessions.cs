using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Coaching;

public sealed record SessionView(int Id, string Code, SessionMode Mode, int CaseId, string CaseTitle, string CaseLanguage, string? HostId, string? Host,
    int? TimeLimitSeconds, DateTime StartedAt, DateTime? RevealedAt);

public sealed record AnswerView(long Id, int SessionId, string TraineeId, string Trainee, IReadOnlyList<int> Picks, string Pitch, DateTime SubmittedAt,
    int SecondsTaken, bool TimedOut, int Total);

/// <summary>An answer explained: its score by part and the reference answer's talking points.</summary>
public sealed record PracticeFeedback(AnswerView Answer, AnswerScore Score, IReadOnlyList<(Recommendations.Engine.CatalogProduct Product, Recommendations.Engine.TalkingPoints Points)> TalkingPoints,
    IReadOnlyDictionary<int, string> ProductNames);

/// <summary>What a trainee hands in: up to three offers in the order they would make them, and what they would say.</summary>
public sealed class AnswerSubmission
{
    public List<int> Picks { get; set; } = [];
    public string Pitch { get; set; } = "";
    public int SecondsTaken { get; set; }
    /// <summary>The clock handed it in at the time limit (an empty pitch is then allowed).</summary>
    public bool TimedOut { get; set; }
}

/// <summary>Messages in the user's language (Messages.resx, CoachErr_…).</summary>
public sealed class AnswerSubmissionValidator : AbstractValidator<AnswerSubmission>
{
    public AnswerSubmissionValidator()
    {
        RuleFor(x => x.Picks).Must(p => p.Count <= AnswerScorer.MaxPicks).WithMessage(_ => Messages.Text("CoachErr_TooManyPicks"))
            .Must(p => p.Distinct().Count() == p.Count).WithMessage(_ => Messages.Text("CoachErr_PickTwice"));
        RuleFor(x => x.Pitch).NotEmpty().WithMessage(_ => Messages.Text("CoachErr_PitchEmpty")).Unless(x => x.TimedOut)
            .MaximumLength(2000).WithMessage(_ => Messages.Text("CoachErr_PitchLong"));
        RuleFor(x => x.SecondsTaken).GreaterThanOrEqualTo(0);
    }
}

/// <summary>Practice runs: a trainee alone, or a trainer's group session that trainees join with a code.</summary>
public sealed class PracticeSessions(IDbContextFactory<CrmDbContext> factory, PracticeCaseLibrary library, PracticeRoom room, TimeProvider clock)
{
    /// <summary>Letters that cannot be mistaken for each other when read off a projector.</summary>
    private const string CodeLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int MinTimeLimit = 30, MaxTimeLimit = 1800;

    /// <exception cref="ValidationException">No such case, or a time limit outside 30 s – 30 min.</exception>
    public async Task<SessionView> StartAsync(int caseId, SessionMode mode, string hostId, int? timeLimitSeconds, CancellationToken ct = default)
    {
        if (timeLimitSeconds is { } t && t is < MinTimeLimit or > MaxTimeLimit)
            throw new ValidationException([new ValidationFailure("TimeLimit", Messages.Text("CoachErr_TimeLimit"))]);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.PracticeCases.AnyAsync(c => c.Id == caseId, ct))
            throw new ValidationException([new ValidationFailure("CaseId", "Coach_NoSuchCase")]);
        string code;
        do code = string.Concat(Enumerable.Range(0, 6).Select(_ => CodeLetters[Random.Shared.Next(CodeLetters.Length)]));
        while (await db.PracticeSessions.AnyAsync(s => s.Code == code, ct));
        var session = new PracticeSession
        {
            CaseId = caseId, Mode = mode, Code = code, HostId = hostId, TimeLimitSeconds = timeLimitSeconds, StartedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.PracticeSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(session.Id, ct))!;
    }

    public async Task<SessionView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await View(db.PracticeSessions.Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Null when no session has this code (case and spaces do not matter).</summary>
    public async Task<SessionView?> FindAsync(string code, CancellationToken ct = default)
    {
        var normalised = new string(code.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await View(db.PracticeSessions.Where(s => s.Code == normalised)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Tells the trainer's screen that someone opened the session.</summary>
    public void Joined(int sessionId, string trainee) => room.Tell(new RoomEvent(sessionId, RoomEventKind.Joined, trainee));

    /// <summary>Scores and stores an answer; a solo session reveals it at once, a group session when the trainer says so.</summary>
    /// <exception cref="ValidationException">Invalid answer, an unknown product, or a second answer to the same session.</exception>
    public async Task<(AnswerView Answer, AnswerScore Score)> SubmitAsync(int sessionId, string traineeId, AnswerSubmission submission, CancellationToken ct = default)
    {
        await new AnswerSubmissionValidator().ValidateAndThrowAsync(submission, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var session = await db.PracticeSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new ValidationException([new ValidationFailure("SessionId", Messages.Text("CoachErr_SessionGone"))]);
        // Once the reference is shown to the room, an answer would be copied, not practised.
        if (session.Mode == SessionMode.Group && session.RevealedAt is not null)
            throw new ValidationException([new ValidationFailure("SessionId", Messages.Text("CoachErr_Revealed"))]);
        if (await db.PracticeAnswers.AnyAsync(a => a.SessionId == sessionId && a.TraineeId == traineeId, ct))
            throw new ValidationException([new ValidationFailure("SessionId", Messages.Text("CoachErr_AlreadyAnswered"))]);
        var detail = await library.GetAsync(session.CaseId, ct) ?? throw new InvalidOperationException("A session without its case.");
        var scoring = await library.ScoringCaseAsync(detail, ct);
        var unknown = submission.Picks.Where(id => !scoring.Products.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
            throw new ValidationException([new ValidationFailure(nameof(submission.Picks), Messages.Text("CoachErr_UnknownPick"))]);

        var score = AnswerScorer.Score(scoring, new AnswerInput(submission.Picks, submission.Pitch, detail.Case.Language));
        var now = clock.GetUtcNow().UtcDateTime;
        var answer = new PracticeAnswer
        {
            SessionId = sessionId, TraineeId = traineeId, PickedProductIds = string.Join(",", submission.Picks), Pitch = submission.Pitch.Trim(),
            SubmittedAt = now, SecondsTaken = submission.SecondsTaken, TimedOut = submission.TimedOut,
        };
        answer.Record(score);
        db.PracticeAnswers.Add(answer);
        if (session.Mode == SessionMode.Solo) session.RevealedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs handing in at once: the unique index keeps one answer per trainee and session.
            await using var check = await factory.CreateDbContextAsync(ct);
            if (await check.PracticeAnswers.AnyAsync(a => a.SessionId == sessionId && a.TraineeId == traineeId, ct))
                throw new ValidationException([new ValidationFailure("SessionId", Messages.Text("CoachErr_AlreadyAnswered"))]);
            throw;
        }
        var view = (await AnswersAsync(sessionId, traineeId, ct)).Single();
        room.Tell(new RoomEvent(sessionId, RoomEventKind.Answered, view.Trainee));
        return (view, score);
    }

    /// <summary>Shows scores and the reference answer to everyone in the session.</summary>
    public async Task RevealAsync(int sessionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var changed = await db.PracticeSessions.Where(s => s.Id == sessionId && s.RevealedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevealedAt, clock.GetUtcNow().UtcDateTime), ct);
        if (changed > 0) room.Tell(new RoomEvent(sessionId, RoomEventKind.Revealed));
    }

    /// <summary>The session's answers in the order they arrived (one trainee's only, when given).</summary>
    public async Task<IReadOnlyList<AnswerView>> AnswersAsync(int sessionId, string? traineeId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.PracticeAnswers.AsNoTracking().Where(a => a.SessionId == sessionId);
        if (traineeId is not null) query = query.Where(a => a.TraineeId == traineeId);
        var rows = await query.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.SessionId, a.TraineeId, Trainee = a.Trainee!.DisplayName, a.PickedProductIds, a.Pitch, a.SubmittedAt, a.SecondsTaken, a.TimedOut, a.Total })
            .ToListAsync(ct);
        return rows.Select(a => new AnswerView(a.Id, a.SessionId, a.TraineeId, a.Trainee, PracticeAnswer.ParsePicks(a.PickedProductIds), a.Pitch, a.SubmittedAt, a.SecondsTaken, a.TimedOut, a.Total)).ToList();
    }

    /// <summary>
    /// The explanation of a stored answer, recomputed from its picks and pitch (the stored points are what
    /// progress counts), with the reference's talking points.
    /// </summary>
    public async Task<PracticeFeedback> FeedbackAsync(CaseDetail detail, AnswerView answer, CancellationToken ct = default)
    {
        var scoring = await library.ScoringCaseAsync(detail, ct);
        var score = AnswerScorer.Score(scoring, new AnswerInput(answer.Picks, answer.Pitch, detail.Case.Language));
        return new PracticeFeedback(answer, score, library.TalkingPoints(detail), scoring.Products.ToDictionary(p => p.Key, p => p.Value.Name));
    }

    private static IQueryable<SessionView> View(IQueryable<PracticeSession> q) =>
        q.Select(s => new SessionView(s.Id, s.Code, s.Mode, s.CaseId, s.Case!.Title, s.Case.Language, s.HostId, s.Host!.DisplayName, s.TimeLimitSeconds, s.StartedAt, s.RevealedAt));
}
