using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Domain.Users;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace CrossSellCrm.Domain.DemoData;

/// <summary>How much demo data to make, and from which seed.</summary>
public sealed record DemoDataOptions
{
    public int Customers { get; init; } = 5_000;
    /// <summary>Approximate number of order lines (the generator stops a customer's history when its share is reached).</summary>
    public int OrderLines { get; init; } = 50_000;
    public int Seed { get; init; } = 20261127;
    /// <summary>"Today" for the generated history (two years back from here). UTC.</summary>
    public DateTime AsOf { get; init; } = DateTime.UtcNow.Date;
}

public sealed class DemoDataOptionsValidator : AbstractValidator<DemoDataOptions>
{
    public DemoDataOptionsValidator()
    {
        RuleFor(o => o.Customers).InclusiveBetween(1, 2_000_000)
            .WithMessage("--customers must be between 1 and 2,000,000 (was {PropertyValue}).");
        RuleFor(o => o.OrderLines).InclusiveBetween(0, 20_000_000)
            .WithMessage("--orders must be between 0 and 20,000,000 (was {PropertyValue}).");
    }
}

/// <summary>Everything the generator made, with ids already assigned so rows can be bulk-inserted in order.</summary>
public sealed class DemoDataSet
{
    public List<CrmUser> Reps { get; } = [];
    public List<IdentityUserRole<string>> RepRoles { get; } = [];
    public List<Tag> Tags { get; } = [];
    public List<Category> Categories { get; } = [];
    public List<Product> Products { get; } = [];
    public List<ProductRelation> Relations { get; } = [];
    public List<Customer> Customers { get; } = [];
    public List<CustomerTag> CustomerTags { get; } = [];
    public List<MarketingConsent> Consents { get; } = [];
    public List<Order> Orders { get; } = [];
    public List<OrderLine> OrderLines { get; } = [];
    public List<Subscription> Subscriptions { get; } = [];
    public List<OfferPresentation> Offers { get; } = [];
    public List<CallNote> CallNotes { get; } = [];
    public List<Segment> Segments { get; } = [];
    public List<SegmentMembership> Memberships { get; } = [];
    public List<Coaching.PracticeCase> PracticeCases { get; } = [];
    public List<Coaching.PracticeSession> PracticeSessions { get; } = [];
    public List<Coaching.PracticeAnswer> PracticeAnswers { get; } = [];
}
