using System.Globalization;
using CrossSellCrm.Domain.Recommendations.Mining;

namespace CrossSellCrm.Tests.Domain.Recommendations;

public class MiningOptionsTests
{
    [Fact]
    public void Problems_Defaults_AreNone()
    {
        Assert.Empty(new MiningOptions().Problems());
        Assert.Empty(new BasketFileLimits().Problems());
        Assert.True(new MiningOptionsValidator().Validate(new MiningOptions()).IsValid);
        Assert.True(new BasketFileLimitsValidator().Validate(new BasketFileLimits()).IsValid);
    }

    [Fact]
    public void Problems_EachBrokenRule_OneMessageInRuleOrder_AndTheValidatorSaysTheSame()
    {
        var options = new MiningOptions { MinSupport = double.NaN, MinConfidence = 1.5, MinLength = 0, MaxLength = 101, MaxItemsets = 0, MaxRules = 100_000_001 };
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            string[] expected =
            [
                "--min-support must be greater than 0 and at most 1 (was NaN).",
                "--min-confidence must be greater than 0 and at most 1 (was 1.5).",
                "--min-length must be between 1 and 100 (was 0).",
                "--max-length must be between 1 and 100 (was 101).",
                "--max-itemsets must be between 1 and 100,000,000 (was 0).",
                "--max-rules must be between 1 and 100,000,000 (was 100000001).",
            ];
            Assert.Equal(expected, options.Problems().Select(p => p.Message));
            Assert.Equal(expected, new MiningOptionsValidator().Validate(options).Errors.Select(e => e.ErrorMessage));
            // A value is written in the current culture, as FluentValidation's {PropertyValue} was.
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("--min-confidence must be greater than 0 and at most 1 (was 1,5).", options.Problems()[1].Message);
        }
        finally { CultureInfo.CurrentCulture = culture; }
    }

    [Fact]
    public void Problems_MaxLengthBelowMinLength_IsSaid()
    {
        var problem = Assert.Single(new MiningOptions { MinLength = 3, MaxLength = 2 }.Problems());
        Assert.Equal(("MaxLength", "--max-length (2) must not be below --min-length."), (problem.Property, problem.Message));
    }

    [Fact]
    public void Problems_LimitsOutOfRange_AreSaid()
    {
        var limits = new BasketFileLimits { MaxBasketItems = 0, MaxItemLength = 100_001, MaxLineLength = 0 };
        Assert.Equal(["MaxBasketItems", "MaxItemLength", "MaxLineLength"], limits.Problems().Select(p => p.Property));
        Assert.Equal("--max-basket-items must be between 1 and 1,000,000 (was 0).", limits.Problems()[0].Message);
        Assert.Equal(3, new BasketFileLimitsValidator().Validate(limits).Errors.Count);
    }
}
