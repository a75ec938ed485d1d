using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Orders;

/// <summary>A customer's subscription to a plan (music streaming, fitness, software).</summary>
public sealed class Subscription
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int PlanProductId { get; set; }
    public Product? Plan { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public SubscriptionStatus Status { get; set; }
    public decimal MonthlyPrice { get; set; }
    /// <summary>The import job that last created or changed this record; null for records entered in the CRM.</summary>
    public int? ImportJobId { get; set; }
}

public enum SubscriptionStatus { Active, Paused, Cancelled }
