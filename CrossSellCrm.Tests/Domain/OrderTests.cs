using CrossSellCrm.Domain.Orders;

namespace CrossSellCrm.Tests.Domain;

public class OrderTests
{
    [Fact]
    public void RecalculateTotals_LinesWithDiscount_SumsRevenueMarginAndCount()
    {
        var order = new Order { OrderNumber = "O1" };
        order.Lines.Add(new OrderLine { Quantity = 1, UnitPrice = 899m, UnitCost = 610m });
        order.Lines.Add(new OrderLine { Quantity = 2, UnitPrice = 39m, UnitCost = 11m, Discount = 7.80m });
        order.RecalculateTotals();
        Assert.Equal(899m + 78m - 7.80m, order.NetRevenue);            // 969.20
        Assert.Equal(289m + (70.20m - 22m), order.Margin);              // 337.20
        Assert.Equal(2, order.LineCount);
        Assert.False(order.IsReturn);
    }

    [Fact]
    public void RecalculateTotals_OnlyAReturnedLine_IsAReturn()
    {
        var order = new Order { OrderNumber = "O2" };
        order.Lines.Add(new OrderLine { Quantity = -1, UnitPrice = 49m, UnitCost = 19m });
        order.RecalculateTotals();
        Assert.Equal(-49m, order.NetRevenue);
        Assert.Equal(-30m, order.Margin);
        Assert.True(order.IsReturn);
    }

    [Fact]
    public void RecalculateTotals_ZeroPriceLine_CountsAsALineWithoutRevenue()
    {
        var order = new Order { OrderNumber = "O3" };
        order.Lines.Add(new OrderLine { Quantity = 1, UnitPrice = 0m, UnitCost = 2m });
        order.RecalculateTotals();
        Assert.Equal(0m, order.NetRevenue);
        Assert.Equal(-2m, order.Margin);
        Assert.Equal(1, order.LineCount);
        Assert.False(order.IsReturn);
    }
}
