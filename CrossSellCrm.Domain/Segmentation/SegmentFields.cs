using System.Globalization;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Localization;
using FluentValidation;

namespace CrossSellCrm.Domain.Segmentation;

public enum Dimension { Demographic, Geographic, Psychographic, Behavioural }

public enum FieldKind { Number, Decimal, Text, Choice, Tag, Date, Flag }

/// <summary>A field a segment rule can test, the operators it allows, and (for choices) its values.</summary>
/// <param name="Range">For numbers: the plausible values (an age of 2100 is a typo, and would overflow the date arithmetic).</param>
public sealed record SegmentField(string Key, Dimension Dimension, FieldKind Kind, RuleOperator[] Operators, string[]? Choices = null, TagKind? Tags = null,
    (decimal Min, decimal Max)? Range = null);

/// <summary>Every field of the four dimensions a segment can be built from.</summary>
public static class SegmentFields
{
    private static readonly RuleOperator[] Numeric = [RuleOperator.EqualTo, RuleOperator.Between, RuleOperator.AtLeast, RuleOperator.AtMost];
    private static readonly RuleOperator[] Choice = [RuleOperator.EqualTo, RuleOperator.NotEqualTo, RuleOperator.In];
    private static readonly RuleOperator[] Text = [RuleOperator.EqualTo, RuleOperator.NotEqualTo, RuleOperator.In, RuleOperator.Contains, RuleOperator.StartsWith, RuleOperator.IsEmpty];
    private static readonly RuleOperator[] Tag = [RuleOperator.HasTag, RuleOperator.HasNoTag];
    private static readonly RuleOperator[] Dates = [RuleOperator.Before, RuleOperator.After, RuleOperator.Between, RuleOperator.IsEmpty];

    public static readonly IReadOnlyList<SegmentField> All =
    [
        new("age", Dimension.Demographic, FieldKind.Number, Numeric, Range: (0, 130)),
        new("gender", Dimension.Demographic, FieldKind.Choice, Choice, Names<Gender>()),
        new("income", Dimension.Demographic, FieldKind.Choice, Choice, Names<IncomeBand>()),
        new("education", Dimension.Demographic, FieldKind.Choice, Choice, Names<EducationLevel>()),
        new("country", Dimension.Geographic, FieldKind.Text, Text),
        new("region", Dimension.Geographic, FieldKind.Text, Text),
        new("city", Dimension.Geographic, FieldKind.Text, Text),
        new("postalCode", Dimension.Geographic, FieldKind.Text, Text),
        new("lifestyle", Dimension.Psychographic, FieldKind.Tag, [RuleOperator.In, RuleOperator.NotEqualTo, RuleOperator.IsEmpty], Tags: TagKind.Lifestyle),
        new("interest", Dimension.Psychographic, FieldKind.Tag, Tag, Tags: TagKind.Interest),
        new("value", Dimension.Psychographic, FieldKind.Tag, Tag, Tags: TagKind.Value),
        new("recencyDays", Dimension.Behavioural, FieldKind.Number, Numeric, Range: (0, 36_500)),
        new("frequency", Dimension.Behavioural, FieldKind.Number, Numeric, Range: (0, 1_000_000)),
        new("monetary", Dimension.Behavioural, FieldKind.Decimal, Numeric, Range: (-1_000_000_000, 1_000_000_000)),
        new("recencyScore", Dimension.Behavioural, FieldKind.Number, Numeric, Range: (1, 5)),
        new("frequencyScore", Dimension.Behavioural, FieldKind.Number, Numeric, Range: (1, 5)),
        new("monetaryScore", Dimension.Behavioural, FieldKind.Number, Numeric, Range: (1, 5)),
        new("brandLoyalty", Dimension.Behavioural, FieldKind.Decimal, Numeric, Range: (0, 100)),
        new("topBrand", Dimension.Behavioural, FieldKind.Text, Text),
        new("categoryBreadth", Dimension.Behavioural, FieldKind.Number, Numeric, Range: (0, 1_000)),
        new("preferredChannel", Dimension.Behavioural, FieldKind.Choice, Choice, Names<SalesChannel>()),
        new("lastOrderAt", Dimension.Behavioural, FieldKind.Date, Dates),
        new("subscriber", Dimension.Behavioural, FieldKind.Flag, [RuleOperator.IsTrue, RuleOperator.IsFalse]),
    ];

    private static readonly Dictionary<string, SegmentField> ByKey = All.ToDictionary(f => f.Key, StringComparer.Ordinal);

    public static SegmentField? Find(string? key) => key is not null && ByKey.TryGetValue(key, out var f) ? f : null;

    private static string[] Names<T>() where T : struct, Enum => Enum.GetNames<T>().Where(n => n != "Unknown").ToArray();

    /// <summary>How many values an operator takes: exactly (min = max), or at least min (max = null).</summary>
    public static (int Min, int? Max) Arity(RuleOperator op) => op switch
    {
        RuleOperator.Between => (2, 2),
        RuleOperator.In or RuleOperator.HasTag or RuleOperator.HasNoTag => (1, null),
        RuleOperator.IsTrue or RuleOperator.IsFalse or RuleOperator.IsEmpty => (0, 0),
        _ => (1, 1),
    };

    /// <summary>A plain invariant number: "199.90", "-3"; no thousands separators ("1,5" is not 15).</summary>
    public static bool TryNumber(string value, out decimal number) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    public static bool TryDate(string value, out DateOnly date) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Dates a rule may name: anything else is a typo (and 0001-01-01 minus a day does not exist).</summary>
    public static readonly DateOnly FirstDate = new(1900, 1, 1), LastDate = new(2100, 12, 31);
}

/// <summary>
/// Guards a segment rule wherever one comes in (builder, API): groups hold 1–30 rules and nest at most
/// four levels; each condition names a known field, an operator the field allows, and the right number
/// of readable values within the field's range. The property path says which rule is wrong
/// ("Rules[1].Rules[0].Values"); the messages are in the user's language.
/// </summary>
public sealed class SegmentRuleValidator : AbstractValidator<RuleNode>
{
    public const int MaxDepth = 4;

    public SegmentRuleValidator() : this(1) { }

    private SegmentRuleValidator(int depth)
    {
        When(n => n.IsGroup, () =>
        {
            RuleFor(n => n.Rules).NotEmpty().WithMessage(_ => Messages.Text("SegRule_GroupEmpty"))
                .Must(r => r.Count <= 30).WithMessage(_ => Messages.Text("SegRule_GroupFull", 30));
            if (depth < MaxDepth) RuleForEach(n => n.Rules).SetValidator(_ => new SegmentRuleValidator(depth + 1));
            else RuleForEach(n => n.Rules).Must(r => !r.IsGroup).WithMessage(_ => Messages.Text("SegRule_TooDeep", MaxDepth));
        });
        When(n => !n.IsGroup, () =>
        {
            RuleFor(n => n.Field).Must(f => SegmentFields.Find(f) is not null).WithMessage(_ => Messages.Text("SegRule_ChooseField"));
            RuleFor(n => n.Op).NotNull().WithMessage(_ => Messages.Text("SegRule_ChooseOperator"))
                .Must((n, op) => SegmentFields.Find(n.Field) is not { } f || f.Operators.Contains(op!.Value))
                .WithMessage(_ => Messages.Text("SegRule_OperatorNotForField"));
            RuleFor(n => n.Values).Must((n, v) => n.Op is not { } op || Fits(SegmentFields.Arity(op), v.Count(x => !string.IsNullOrWhiteSpace(x))))
                .WithMessage(n => n.Op is { } op ? ArityMessage(SegmentFields.Arity(op)) : "");
            RuleForEach(n => n.Values).Must((n, v) => Readable(SegmentFields.Find(n.Field), v))
                .WithMessage((n, v) => Messages.Text("SegRule_NotValid", v, Expected(SegmentFields.Find(n.Field))));
            RuleForEach(n => n.Values).Must((n, v) => InRange(SegmentFields.Find(n.Field), v))
                .When(n => SegmentFields.Find(n.Field) is { } f && (f.Range is not null || f.Kind == FieldKind.Date))
                .WithMessage((n, v) => RangeMessage(SegmentFields.Find(n.Field)!));
            RuleFor(n => n.Values).Must(v => v.Count < 2 || !SegmentFields.TryNumber(v[0], out var a) || !SegmentFields.TryNumber(v[1], out var b) || a <= b)
                .When(n => n.Op == RuleOperator.Between && SegmentFields.Find(n.Field)?.Kind is FieldKind.Number or FieldKind.Decimal)
                .WithMessage(_ => Messages.Text("SegRule_FromAfterTo"));
            RuleFor(n => n.Values).Must(v => v.Count < 2 || !SegmentFields.TryDate(v[0], out var a) || !SegmentFields.TryDate(v[1], out var b) || a <= b)
                .When(n => n.Op == RuleOperator.Between && SegmentFields.Find(n.Field)?.Kind is FieldKind.Date)
                .WithMessage(_ => Messages.Text("SegRule_DateAfterDate"));
        });
    }

    private static bool Fits((int Min, int? Max) arity, int count) => count >= arity.Min && (arity.Max is not { } max || count <= max);

    private static string ArityMessage((int Min, int? Max) arity) => arity switch
    {
        (0, 0) => Messages.Text("SegRule_NoValue"),
        (2, 2) => Messages.Text("SegRule_TwoValues"),
        (1, null) => Messages.Text("SegRule_SomeValue"),
        _ => Messages.Text("SegRule_OneValue"),
    };

    private static bool Readable(SegmentField? field, string value) => field?.Kind switch
    {
        null => true, // reported on the field
        FieldKind.Number => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        FieldKind.Decimal => SegmentFields.TryNumber(value, out _),
        FieldKind.Date => SegmentFields.TryDate(value, out _),
        FieldKind.Choice => field.Choices!.Contains(value),
        _ => !string.IsNullOrWhiteSpace(value) && value.Length <= 100,
    };

    /// <summary>Unreadable values are reported as such; this checks the readable ones against the field's range.</summary>
    private static bool InRange(SegmentField? field, string value) => field switch
    {
        { Kind: FieldKind.Date } => !SegmentFields.TryDate(value, out var d) || (d >= SegmentFields.FirstDate && d <= SegmentFields.LastDate),
        { Range: { } r } => !SegmentFields.TryNumber(value, out var n) || (n >= r.Min && n <= r.Max),
        _ => true,
    };

    private static string RangeMessage(SegmentField field) => field.Range is { } r
        ? Messages.Text("SegRule_OutOfRange", r.Min.ToString("#,0.##", CultureInfo.CurrentCulture), r.Max.ToString("#,0.##", CultureInfo.CurrentCulture))
        : Messages.Text("SegRule_OutOfRange", SegmentFields.FirstDate.ToString("d", CultureInfo.CurrentCulture), SegmentFields.LastDate.ToString("d", CultureInfo.CurrentCulture));

    private static string Expected(SegmentField? field) => field?.Kind switch
    {
        FieldKind.Number => Messages.Text("SegRule_ExpectWhole"),
        FieldKind.Decimal => Messages.Text("SegRule_ExpectNumber"),
        FieldKind.Date => Messages.Text("SegRule_ExpectDate"),
        FieldKind.Choice => Messages.Text("SegRule_ExpectChoice", string.Join(", ", field.Choices!)),
        _ => Messages.Text("SegRule_ExpectValue"),
    };
}
