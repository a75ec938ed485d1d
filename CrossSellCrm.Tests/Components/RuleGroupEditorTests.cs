using Bunit;
using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Components.Pages.Segments.Components;
using static CrossSellCrm.Domain.Segmentation.RuleNode;

namespace CrossSellCrm.Tests.Components;

public class RuleGroupEditorTests : ComponentTestBase
{
    private IRenderedComponent<RuleGroupEditor> Render(RuleNode rule, Action? changed = null) =>
        Ctx.Render<RuleGroupEditor>(p => p.Add(c => c.Node, rule).Add(c => c.Errors, new SegmentRuleValidator().Validate(rule).Errors)
            .Add(c => c.OnChanged, () => changed?.Invoke()));

    [Fact]
    public void Errors_AppearBesideTheRuleTheyConcern()
    {
        var rule = Group(RuleMatch.And, Condition("city", RuleOperator.EqualTo, "Köln"),
            Group(RuleMatch.Or, Condition("age", RuleOperator.AtLeast, "zwanzig"), Condition("interest", RuleOperator.HasTag, "travel")));
        var editor = Render(rule);
        Assert.Empty(editor.FindAll("[data-path='Rules[0]'] [data-testid=rule-error]"));
        Assert.Contains("“zwanzig” is not a valid whole number.", editor.Find("[data-path='Rules[1].Rules[0]'] [data-testid=rule-error]").TextContent);
        Assert.Empty(editor.FindAll("[data-path='Rules[1].Rules[1]'] [data-testid=rule-error]"));
        Assert.Equal(2, editor.FindAll("[data-testid=rule-group]").Count);
    }

    [Fact]
    public void AddAndRemove_ChangeTheRuleAndTellThePage()
    {
        var rule = Group(RuleMatch.And, Condition("city", RuleOperator.EqualTo, "Köln"));
        var changes = 0;
        var editor = Render(rule, () => changes++);
        editor.Find("[data-testid=add-group]").Click();
        Assert.True(rule.Rules[1].IsGroup);
        editor.FindAll("[data-testid=add-rule]").Last().Click(); // the root group's button comes after its sub-group
        Assert.Equal(3, rule.Rules.Count);
        editor.Find("[data-path='Rules[0]'] [data-testid=remove-rule]").Click();
        Assert.Equal(2, rule.Rules.Count);
        Assert.Equal(3, changes);
    }

    [Fact]
    public void FourthLevel_OffersNoFurtherGroup()
    {
        var rule = Group(RuleMatch.And, Group(RuleMatch.Or, Group(RuleMatch.And, Group(RuleMatch.Or, Condition("age", RuleOperator.AtLeast, "1")))));
        var editor = Render(rule);
        Assert.Equal(4, editor.FindAll("[data-testid=rule-group]").Count);
        Assert.Equal(3, editor.FindAll("[data-testid=add-group]").Count); // not in the deepest group
    }
}
