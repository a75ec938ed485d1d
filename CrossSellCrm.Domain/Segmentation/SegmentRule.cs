using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossSellCrm.Domain.Segmentation;

[JsonConverter(typeof(JsonStringEnumConverter<RuleMatch>))]
public enum RuleMatch
{
    [JsonStringEnumMemberName("and")] And,
    [JsonStringEnumMemberName("or")] Or,
}

[JsonConverter(typeof(JsonStringEnumConverter<RuleOperator>))]
public enum RuleOperator
{
    [JsonStringEnumMemberName("equals")] EqualTo,
    [JsonStringEnumMemberName("notEquals")] NotEqualTo,
    [JsonStringEnumMemberName("in")] In,
    [JsonStringEnumMemberName("between")] Between,
    [JsonStringEnumMemberName("atLeast")] AtLeast,
    [JsonStringEnumMemberName("atMost")] AtMost,
    [JsonStringEnumMemberName("contains")] Contains,
    [JsonStringEnumMemberName("startsWith")] StartsWith,
    [JsonStringEnumMemberName("hasTag")] HasTag,
    [JsonStringEnumMemberName("hasNoTag")] HasNoTag,
    [JsonStringEnumMemberName("before")] Before,
    [JsonStringEnumMemberName("after")] After,
    [JsonStringEnumMemberName("isTrue")] IsTrue,
    [JsonStringEnumMemberName("isFalse")] IsFalse,
    [JsonStringEnumMemberName("isEmpty")] IsEmpty,
}

/// <summary>
/// A segment's definition: a group (<see cref="Match"/> and/or over <see cref="Rules"/>) or a condition
/// (<see cref="Field"/>, <see cref="Op"/>, <see cref="Values"/> as invariant text). Stored as JSON on the
/// segment: <c>{"match":"and","rules":[{"field":"interest","op":"hasTag","values":["photography"]}]}</c>.
/// </summary>
public sealed class RuleNode
{
    /// <summary>Set for a group; null for a condition.</summary>
    public RuleMatch? Match { get; set; }
    public List<RuleNode> Rules { get; set; } = [];
    public string? Field { get; set; }
    public RuleOperator? Op { get; set; }
    public List<string> Values { get; set; } = [];

    [JsonIgnore] public bool IsGroup => Match is not null;

    public static RuleNode Group(RuleMatch match, params RuleNode[] rules) => new() { Match = match, Rules = [.. rules] };

    public static RuleNode Condition(string field, RuleOperator op, params string[] values) => new() { Field = field, Op = op, Values = [.. values] };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "München", not "M\u00FCnchen"
        // A condition writes no "rules", a group no "values".
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    foreach (var property in info.Type == typeof(RuleNode) ? info.Properties : [])
                        if (property.PropertyType == typeof(List<RuleNode>) || property.PropertyType == typeof(List<string>))
                            property.ShouldSerialize = (_, value) => value is System.Collections.ICollection { Count: > 0 };
                },
            },
        },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <returns>Null when the text is not a rule.</returns>
    public static RuleNode? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize<RuleNode>(json, Json); }
        catch (JsonException) { return null; }
    }

    public RuleNode Clone() => Parse(ToJson())!;
}
