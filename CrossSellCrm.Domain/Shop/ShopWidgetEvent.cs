namespace CrossSellCrm.Domain.Shop;

/// <summary>
/// What the shop's widget showed or what a visitor clicked in it: one row per recommended product shown (an impression) or
/// clicked. Anonymous unless the shop passed a customer number it knows. Not audited: no one changed anything.
/// </summary>
public sealed class ShopWidgetEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public ShopWidgetEventKind Kind { get; set; }
    /// <summary>The recommended product shown or clicked.</summary>
    public int ProductId { get; set; }
    /// <summary>The product the page was about (the first of the basket), when the CRM knows it.</summary>
    public int? PageProductId { get; set; }
    public int? CustomerId { get; set; }
    /// <summary>The key the widget called with; null for a configuration key.</summary>
    public int? KeyId { get; set; }
}

public enum ShopWidgetEventKind { Impression, Click }
