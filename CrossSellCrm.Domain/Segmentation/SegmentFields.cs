using System.Globalization;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using FluentValidation;

namespace CrossSellCrm.Domain.Segmentation;

public enum Dimension { Demographic, Geographic, Psychographic, Behavioural }

public enum FieldKind { Number, Decimal, Text, Choice, Tag, Date, Flag }

/// <summary>A field a segment rule can test, the operators it allows, and (for choices) its values.</summary>
public sealed record SegmentField(string Key, Dimension Dimension, FieldKind Kind, RuleOperator[] Operators, string[]? Choices = null, TagKind? Tags = null);

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
        new("age", Dimension.Demographic, FieldKind.Number, Numeric),
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
        new("recencyDays", Dimension.Behavioural, FieldKind.Number, Numeric),
        new("frequency", Dimension.Behavioural, FieldKind.Number, Numeric),
        new("monetary", Dimension.Behavioural, FieldKind.Decimal, Numeric),
        new("recencyScore", Dimension.Behavioural, FieldKind.Number, Numeric),
        new("frequencyScore", Dimension.Behavioural, FieldKind.Number, Numeric),
        new("monetaryScore", Dimension.Behavioural, FieldKind.Number, Numeric),
        new("brandLoyalty", Dimension.Behavioural, FieldKind.Decimal, Numeric),
        new("topBrand", Dimension.Behavioural, FieldKind.Text, Text),
        new("categoryBreadth", Dimension.Behavioural, FieldKind.Number, Numeric),
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
}

/// <summary>
/// Guards a segment rule wherever one comes in (builder, API): groups hold 1–30 rules and nest at most
/// four levels; each condition names a known field, an operator the field allows, and the right number
/// of readable values. The property path says which rule is wrong ("Rules[1].Rules[0].Values").
/// </summary>
public sealed class SegmentRuleValidator : AbstractValidator<RuleNode>
{
    public const int MaxDepth = 4;

    public SegmentRuleValidator() : this(1) { }

    private SegmentRuleValidator(int depth)
    {
        When(n => n.IsGroup, () =>
        {
            RuleFor(n => n.Rules).NotEmpty().WithMessage("A group needs at least one rule.")
                .Must(r => r.Count <= 30).WithMessage("A group holds at most 30 rules.");
            if (depth < MaxDepth) RuleForEach(n => n.Rules).SetValidator(_ => new SegmentRuleValidator(depth + 1));
            else RuleForEach(n => n.Rules).Must(r => !r.IsGroup).WithMessage($"Groups nest at most {MaxDepth} levels deep.");
        });
        When(n => !n.IsGroup, () =>
        {
            RuleFor(n => n.Field).Must(f => SegmentFields.Find(f) is not null).WithMessage(n => $"Choose a field (“{n.Field}” is not one).");
            RuleFor(n => n.Op).NotNull().WithMessage("Choose an operator.")
                .Must((n, op) => SegmentFields.Find(n.Field) is not { } f || f.Operators.Contains(op!.Value))
                .WithMessage(n => $"{n.Field} cannot use “{n.Op}”.");
            RuleFor(n => n.Values).Must((n, v) => n.Op is not { } op || Fits(SegmentFields.Arity(op), v.Count(x => !string.IsNullOrWhiteSpace(x))))
                .WithMessage(n => n.Op is { } op ? ArityMessage(SegmentFields.Arity(op)) : "");
            RuleForEach(n => n.Values).Must((n, v) => Readable(SegmentFields.Find(n.Field), v))
                .WithMessage((n, v) => $"“{v}” is not a valid {Expected(SegmentFields.Find(n.Field))}.");
            RuleFor(n => n.Values).Must(v => v.Count < 2 || !SegmentFields.TryNumber(v[0], out var a) || !SegmentFields.TryNumber(v[1], out var b) || a <= b)
                .When(n => n.Op == RuleOperator.Between && SegmentFields.Find(n.Field)?.Kind is FieldKind.Number or FieldKind.Decimal)
                .WithMessage("The first value must not be larger than the second.");
            RuleFor(n => n.Values).Must(v => v.Count < 2 || !SegmentFields.TryDate(v[0], out var a) || !SegmentFields.TryDate(v[1], out var b) || a <= b)
                .When(n => n.Op == RuleOperator.Between && SegmentFields.Find(n.Field)?.Kind is FieldKind.Date)
                .WithMessage("The first date must not be after the second.");
        });
    }

    private static bool Fits((int Min, int? Max) arity, int count) => count >= arity.Min && (arity.Max is not { } max || count <= max);

    private static string ArityMessage((int Min, int? Max) arity) => arity switch
    {
        (0, 0) => "This operator takes no value.",
        (2, 2) => "Give two values: from and to.",
        (1, null) => "Give at least one value.",
        _ => "Give one value.",
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

    private static string Expected(SegmentField? field) => field?.Kind switch
    {
        FieldKind.Number => "whole number",
        FieldKind.Decimal => "number (use a dot for decimals)",
        FieldKind.Date => "date (yyyy-MM-dd)",
        FieldKind.Choice => "choice (" + string.Join(", ", field.Choices!) + ")",
        _ => "value",
    };
}
