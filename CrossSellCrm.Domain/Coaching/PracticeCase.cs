using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Users;

namespace CrossSellCrm.Domain.Coaching;

public enum CaseDifficulty { Easy, Medium, Hard }

/// <summary>The product world a case practises (the demo data's three kinds of cross-selling, and the rest).</summary>
public enum CaseWorld { ElectronicsAccessories, SubscriptionAddOns, Bundles, Other }

/// <summary>
/// A practice case: an anonymised (or invented) customer at one moment, what they say, and the
/// reference answer a trainee's picks are scored against.
/// </summary>
public sealed class PracticeCase : IVersioned, Auditing.IAudited
{
    public int Id { get; set; }
    public required string Title { get; set; }
    /// <summary>"en" or "de": the language the case is written in and answered in.</summary>
    public required string Language { get; set; }
    public CaseDifficulty Difficulty { get; set; }
    public CaseWorld World { get; set; }
    /// <summary>The objection the customer raises, if the case practises one.</summary>
    public Objection? Objection { get; set; }
    /// <summary>Why the customer is on the line ("called about the delivery of the laptop she bought on Monday").</summary>
    public required string Situation { get; set; }
    public string? CustomerSays { get; set; }
    /// <summary>For the trainer only; shown to trainees after the reveal.</summary>
    public string? TrainerNotes { get; set; }
    /// <summary>The customer as JSON (<see cref="CasePersona"/>): the four dimensions and the purchase story, dates relative to the call.</summary>
    public required string PersonaJson { get; set; }
    /// <summary>The reference answer as JSON (<see cref="ReferenceOffer"/> list): ranked offers, and the ones that must not be offered.</summary>
    public required string ReferenceJson { get; set; }
    /// <summary>True when the case was built from a real customer (anonymised).</summary>
    public bool FromCustomer { get; set; }
    public string? CreatedById { get; set; }
    public CrmUser? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

public enum SessionMode { Solo, Group }

/// <summary>One run of a case: a trainee alone, or a trainer's classroom session that trainees join with a code.</summary>
public sealed class PracticeSession
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public PracticeCase? Case { get; set; }
    public SessionMode Mode { get; set; }
    /// <summary>Six characters trainees type to join a group session; unique.</summary>
    public required string Code { get; set; }
    public string? HostId { get; set; }
    public CrmUser? Host { get; set; }
    /// <summary>Null = no time limit.</summary>
    public int? TimeLimitSeconds { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>When the trainer showed scores and the reference to everyone (solo sessions reveal on submit).</summary>
    public DateTime? RevealedAt { get; set; }
    public List<PracticeAnswer> Answers { get; set; } = [];
}

/// <summary>A trainee's answer — up to three offers and the pitch — with its scores (stored so progress is cheap to read).</summary>
public sealed class PracticeAnswer
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public PracticeSession? Session { get; set; }
    public required string TraineeId { get; set; }
    public CrmUser? Trainee { get; set; }
    /// <summary>Picked product ids in the trainee's order, comma-separated.</summary>
    public required string PickedProductIds { get; set; }
    public required string Pitch { get; set; }
    public DateTime SubmittedAt { get; set; }
    public int SecondsTaken { get; set; }
    /// <summary>Submitted by the clock at the time limit.</summary>
    public bool TimedOut { get; set; }
    public int Relevance { get; set; }
    public int Personalisation { get; set; }
    public int Transparency { get; set; }
    public int Pressure { get; set; }
    public int Timing { get; set; }
    public int Total { get; set; }

    /// <summary>Keeps a score's five parts and total on the answer.</summary>
    public void Record(AnswerScore score) =>
        (Relevance, Personalisation, Transparency, Pressure, Timing, Total) = (score[ScoreDimension.Relevance].Points, score[ScoreDimension.Personalisation].Points,
            score[ScoreDimension.Transparency].Points, score[ScoreDimension.Pressure].Points, score[ScoreDimension.Timing].Points, score.Total);

    /// <summary>The five parts by dimension, in the order the scorer lists them.</summary>
    public static Dictionary<ScoreDimension, T> Parts<T>(T relevance, T personalisation, T transparency, T pressure, T timing) => new()
    {
        [ScoreDimension.Relevance] = relevance, [ScoreDimension.Personalisation] = personalisation, [ScoreDimension.Transparency] = transparency,
        [ScoreDimension.Pressure] = pressure, [ScoreDimension.Timing] = timing,
    };

    public static IReadOnlyList<int> ParsePicks(string ids) => ids.Length == 0 ? [] : ids.Split(',').Select(int.Parse).ToList();
}
