using System.Globalization;

namespace CrossSellCrm.Domain.Catalog;

/// <summary>Amounts in the store's currency (euro), formatted per culture: "€1,234.50" / "1.234,50 €".</summary>
public static class Money
{
    public static string Format(decimal amount, CultureInfo culture, int decimals = 2) =>
        amount.ToString("C" + decimals.ToString(CultureInfo.InvariantCulture), EuroFormat(culture));

    private static NumberFormatInfo EuroFormat(CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return format;
    }
}
