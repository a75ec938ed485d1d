using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Recommendations.Acceptance;
using CrossSellCrm.Tests.Domain.Recommendations;

namespace CrossSellCrm.Tests.Domain.Acceptance;

/// <summary>The acceptance model on real data: bank.csv's telemarketing calls without `duration` (known only after the call).</summary>
public class BankPropensityTests
{
    private static AcceptanceFileData Bank()
    {
        using var csv = CsvFileReader.Open(RealData.DatasetPath("bank.csv"));
        return AcceptanceFile.Read(csv, new PropensityOptions { Target = "y", Positive = "yes", Drop = ["duration"] });
    }

    [Fact]
    public void Read_BankCsv_SixNumbersNineCategories()
    {
        var table = Bank().Table;
        Assert.Equal(4521, table.Rows);
        Assert.Equal(521, table.AcceptedCount);
        Assert.Equal(["age", "balance", "day", "campaign", "pdays", "previous"],
            table.Schema.Columns.Where(c => c.Kind == AcceptanceColumnKind.Numeric).Select(c => c.Name));
        Assert.Equal(-1, table.Schema.IndexOf("duration"));
    }

    [Fact]
    public void CrossValidation_BankWithoutDuration_AucAtLeastTheFloor()
    {
        // The published reference with 5-fold × 5: logistic regression 0.72, gradient boosting 0.76. The `propensity` verb's
        // 5-fold × 5 (seed 1) measures 0.750 ± 0.024; its first repeat alone is kept here for time.
        var result = CrossValidation.Run(Bank().Table, new AcceptanceSettings(), folds: 5, repeats: 1, seed: 1);
        Assert.True(result.AucMean >= 0.75, $"AUC {result.AucMean:F4} ± {result.AucSd:F4}");
        Assert.True(result.BrierMean < result.BaseRateBrierMean - 0.01, $"Brier {result.BrierMean:F4}, base rate {result.BaseRateBrierMean:F4}");
    }

    [Fact]
    public void Leaks_Duration_IsStrongOnItsOwnButNoLeak()
    {
        using var csv = CsvFileReader.Open(RealData.DatasetPath("bank.csv"));
        var signals = AcceptanceLeaks.Find(AcceptanceFile.Read(csv, new PropensityOptions { Target = "y", Positive = "yes" }).Table, new AcceptanceSettings());
        var duration = Assert.Single(signals);
        Assert.Equal("duration", duration.Column);
        Assert.False(duration.Leaks);
        Assert.InRange(duration.Auc, 0.8, 0.95);
    }
}
