using CrossSellCrm.Domain.Segmentation;
using static CrossSellCrm.Domain.Segmentation.RuleNode;

namespace CrossSellCrm.Tests.Domain;

public class SegmentRuleTests
{
    private static IReadOnlyList<string> Errors(RuleNode rule) =>
        new SegmentRuleValidator().Validate(rule).Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").ToList();

    [Fact]
    public void Json_RoundTrips_AndReadsTheStoredFormat()
    {
        var rule = Group(RuleMatch.And, Condition("city", RuleOperator.EqualTo, "München"),
            Group(RuleMatch.Or, Condition("age", RuleOperator.Between, "25", "34"), Condition("interest", RuleOperator.HasTag, "photography", "travel")));
        var json = rule.ToJson();
        Assert.Equal("""{"match":"and","rules":[{"field":"city","op":"equals","values":["München"]},{"match":"or","rules":[{"field":"age","op":"between","values":["25","34"]},{"field":"interest","op":"hasTag","values":["photography","travel"]}]}]}""", json);
        Assert.Equal(json, RuleNode.Parse(json)!.ToJson());
        Assert.Null(RuleNode.Parse("{not json"));
        Assert.Null(RuleNode.Parse(""));
    }

    [Fact]
    public void Validate_AGoodRule_HasNoErrors() =>
        Assert.Empty(Errors(Group(RuleMatch.Or,
            Condition("age", RuleOperator.AtLeast, "18"), Condition("gender", RuleOperator.In, "Female", "Diverse"),
            Condition("city", RuleOperator.Contains, "ünch"), Condition("lastOrderAt", RuleOperator.Between, "2026-01-01", "2026-06-30"),
            Condition("subscriber", RuleOperator.IsTrue), Condition("monetary", RuleOperator.AtLeast, "199.90"), Condition("region", RuleOperator.IsEmpty))));

    [Theory]
    [InlineData("height", RuleOperator.EqualTo, new[] { "1" }, "Choose a field")]
    [InlineData("age", RuleOperator.Contains, new[] { "1" }, "This operator does not work with this field.")]
    [InlineData("age", RuleOperator.AtLeast, new[] { "2100" }, "Give a value from 0 to 130.")]
    [InlineData("age", RuleOperator.Between, new[] { "-5", "40" }, "Give a value from 0 to 130.")]
    [InlineData("recencyScore", RuleOperator.EqualTo, new[] { "7" }, "Give a value from 1 to 5.")]
    [InlineData("brandLoyalty", RuleOperator.AtLeast, new[] { "150" }, "Give a value from 0 to 100.")]
    [InlineData("lastOrderAt", RuleOperator.Before, new[] { "0001-01-01" }, "Give a value from")]
    [InlineData("lastOrderAt", RuleOperator.After, new[] { "9999-12-31" }, "Give a value from")]
    [InlineData("age", RuleOperator.AtLeast, new string[0], "Give one value.")]
    [InlineData("age", RuleOperator.AtLeast, new[] { "" }, "Give one value.")]
    [InlineData("age", RuleOperator.AtLeast, new[] { "zwanzig" }, "“zwanzig” is not a valid whole number.")]
    [InlineData("age", RuleOperator.Between, new[] { "40" }, "Give two values: from and to.")]
    [InlineData("age", RuleOperator.Between, new[] { "40", "30" }, "The first value must not be larger than the second.")]
    [InlineData("monetary", RuleOperator.AtLeast, new[] { "1,5" }, "use a dot for decimals")]
    [InlineData("gender", RuleOperator.EqualTo, new[] { "Weiblich" }, "is not a valid choice (Female, Male, Diverse)")]
    [InlineData("lastOrderAt", RuleOperator.Before, new[] { "27.11.2026" }, "is not a valid date (yyyy-MM-dd)")]
    [InlineData("lastOrderAt", RuleOperator.Between, new[] { "2026-02-01", "2026-01-01" }, "The first date must not be after the second.")]
    [InlineData("interest", RuleOperator.HasTag, new string[0], "Give at least one value.")]
    [InlineData("subscriber", RuleOperator.IsTrue, new[] { "yes" }, "This operator takes no value.")]
    public void Validate_AWrongCondition_SaysWhatAndWhere(string field, RuleOperator op, string[] values, string message)
    {
        var errors = Errors(Group(RuleMatch.And, Condition("city", RuleOperator.EqualTo, "Köln"), Condition(field, op, values)));
        Assert.Contains(errors, e => e.StartsWith("Rules[1]", StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("Rules[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_InGerman_SpeaksGerman()
    {
        var (culture, ui) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var errors = Errors(Group(RuleMatch.And, Condition("age", RuleOperator.AtLeast, "zwanzig"), Condition("frequency", RuleOperator.AtMost, "2000000"), Condition("age", RuleOperator.Between, "40")));
            Assert.Contains("Rules[0].Values[0]: „zwanzig“ ist keine gültige Angabe (ganze Zahl).", errors);
            Assert.Contains("Rules[1].Values[0]: Geben Sie einen Wert von 0 bis 1.000.000 an.", errors);
            Assert.Contains("Rules[2].Values: Geben Sie zwei Werte an: von und bis.", errors);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    [Fact]
    public void Validate_EmptyGroupsAndDeepNesting_AreRefused()
    {
        Assert.Contains("Rules: A group needs at least one rule.", Errors(Group(RuleMatch.And)));
        var deep = Group(RuleMatch.And, Group(RuleMatch.Or, Group(RuleMatch.And, Group(RuleMatch.Or, Group(RuleMatch.And, Condition("age", RuleOperator.AtLeast, "1"))))));
        Assert.Contains(Errors(deep), e => e.Contains("Groups nest at most 4 levels deep."));
        var four = Group(RuleMatch.And, Group(RuleMatch.Or, Group(RuleMatch.And, Group(RuleMatch.Or, Condition("age", RuleOperator.AtLeast, "1")))));
        Assert.Empty(Errors(four));
    }

    [Fact]
    public void Fields_CoverTheFourDimensions() =>
        Assert.Equal(Enum.GetValues<Dimension>(), SegmentFields.All.Select(f => f.Dimension).Distinct().Order());
}
