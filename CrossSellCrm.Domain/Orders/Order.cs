using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Users;

namespace CrossSellCrm.Domain.Orders;

public sealed class Order
{
    public int Id { get; set; }
    public required string OrderNumber { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    /// <summary>UTC.</summary>
    public DateTime OrderedAt { get; set; }
    public SalesChannel Channel { get; set; }
    /// <summary>The rep who took the order, if one did.</summary>
    public string? RepId { get; set; }
    public CrmUser? Rep { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

/// <summary>
/// One product on an order. A negative quantity is a return; revenue is
/// quantity × unit price − discount, margin subtracts the unit cost at the time of sale.
/// </summary>
public sealed class OrderLine
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public Order? Order { get; set; }
    public int ProductId { get; set; }
    public Catalog.Product? Product { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    /// <summary>Discount on the whole line, in currency.</summary>
    public decimal Discount { get; set; }
    public decimal UnitCost { get; set; }

    public decimal Revenue => Quantity * UnitPrice - Discount;
    public decimal Margin => Revenue - Quantity * UnitCost;
}

public enum SalesChannel { Store, Online, Phone }
