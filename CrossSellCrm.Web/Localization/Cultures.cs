using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CrossSellCrm.Web.Localization;

/// <summary>The two cultures of the app and how a user switches between them (a cookie).</summary>
public static class Cultures
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly IReadOnlyList<CultureInfo> Supported = [English, German];

    /// <summary>"de" or "en": the language the current user reads.</summary>
    public static string Language => Domain.Localization.Messages.Language;

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var options = new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture(English) };
        options.SupportedCultures = [.. Supported];
        options.SupportedUICultures = [.. Supported];
        return options;
    }

    /// <summary>GET /culture/{name}?returnUrl=… sets the culture cookie and goes back (a full reload).</summary>
    public static void MapCultureEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http) =>
        {
            var culture = Supported.FirstOrDefault(c => c.Name == name || c.TwoLetterISOLanguageName == name) ?? English;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = false, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(Hosting.LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous();

    /// <summary>Money in the store's currency (euro), formatted per the current culture.</summary>
    public static string Money(decimal amount, CultureInfo? culture = null) => Domain.Catalog.Money.Format(amount, culture ?? CultureInfo.CurrentCulture, 0);

    public static string Money2(decimal amount, CultureInfo? culture = null) => Domain.Catalog.Money.Format(amount, culture ?? CultureInfo.CurrentCulture);

    /// <summary>A country's name from its ISO code in the current UI language ("CH" → "Switzerland" / "Schweiz").</summary>
    public static string CountryName(string isoCode)
    {
        try
        {
            return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de"
                ? new RegionInfo($"de-{isoCode}").NativeName
                : new RegionInfo(isoCode).EnglishName;
        }
        catch (ArgumentException)
        {
            return isoCode; // not a region .NET knows
        }
    }
}
