namespace CrossSellCrm.Domain.Recommendations;

/// <summary>Why an answer was not stored: the contact policy, checked again against what is stored when the answer arrives.</summary>
public enum AnswerRefusal
{
    None,
    /// <summary>This offer was already answered for the customer (by this or another rep) and rests.</summary>
    AlreadyAnswered,
    TooManyDeclines,
    ContactLimitReached,
}

/// <summary>The stored answer that made a new one <see cref="AnswerRefusal.AlreadyAnswered"/>.</summary>
public sealed record EarlierAnswer(OfferOutcome Outcome, DateTime At, string? RepName);

/// <param name="OfferId">0 when refused.</param>
public sealed record OfferOutcomeResult(long OfferId, int? OrderId, string? OrderNumber)
{
    public AnswerRefusal Refusal { get; init; }
    public EarlierAnswer? Earlier { get; init; }
    /// <summary>The same presentation was answered before: this is that answer, nothing new was stored.</summary>
    public bool Repeated { get; init; }
    public bool Stored => Refusal == AnswerRefusal.None;

    public static OfferOutcomeResult Refused(AnswerRefusal why, EarlierAnswer? earlier = null) => new(0, null, null) { Refusal = why, Earlier = earlier };
}
