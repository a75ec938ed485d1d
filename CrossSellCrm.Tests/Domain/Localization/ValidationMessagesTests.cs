using System.Globalization;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Web.Users;

namespace CrossSellCrm.Tests.Domain.Localization;

/// <summary>Validation speaks the user's language, FluentValidation's own messages and the field names in them too.</summary>
public class ValidationMessagesTests
{
    private static T In<T>(string culture, Func<T> act)
    {
        var (c, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return act(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (c, ui); }
    }

    [Fact]
    public void DefaultMessages_NameTheFieldInTheUsersLanguage_EvenForAValidatorMadeInAnother()
    {
        Messages.UseForValidation();
        var validator = In("en-GB", () => new LoginInputValidator()); // made once, used by a German and an English user
        var empty = new LoginInput();
        var german = In("de-DE", () => validator.Validate(empty).Errors.Select(e => e.ErrorMessage).ToList());
        var english = In("en-GB", () => validator.Validate(empty).Errors.Select(e => e.ErrorMessage).ToList());

        Assert.Contains("'E-Mail' darf nicht leer sein.", german);
        Assert.Contains("'Passwort' darf nicht leer sein.", german);
        Assert.Contains("'E-mail' must not be empty.", english);
    }

    [Fact]
    public void CustomMessages_AreInTheUsersLanguage()
    {
        var input = new CustomerProfileInput { FirstName = "", LastName = "Muster", Email = "keine-adresse", Country = "DE", PostalCode = "1234" };
        var errors = In("de-DE", () => new CustomerProfileInputValidator(TimeProvider.System).Validate(input).Errors.Select(e => e.ErrorMessage).ToList());
        Assert.Contains("Geben Sie den Vornamen an.", errors);
        Assert.Contains("Das ist keine E-Mail-Adresse.", errors);
        Assert.Contains("Das ist keine Postleitzahl von DE.", errors);
    }

    [Fact]
    public void EveryDomainMessage_HasAGermanText()
    {
        var english = new System.Resources.ResourceManager("CrossSellCrm.Domain.Localization.Messages", typeof(Messages).Assembly);
        var keys = english.GetResourceSet(CultureInfo.InvariantCulture, true, true)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToList();
        var german = english.GetResourceSet(CultureInfo.GetCultureInfo("de"), true, false)!.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        Assert.DoesNotContain(keys, k => !german.ContainsKey(k) || string.IsNullOrWhiteSpace(german[k]));
    }
}
