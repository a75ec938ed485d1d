using FluentValidation;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Web.Hosting;

/// <summary>
/// Runs a FluentValidation validator on options at start-up, so bad configuration stops the app with a
/// clear message. Creates the validator itself: options validation is a singleton, validators are scoped.
/// </summary>
public sealed class FluentValidateOptions<T, TValidator> : IValidateOptions<T> where T : class where TValidator : IValidator<T>, new()
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var result = new TValidator().Validate(options);
        return result.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(result.Errors.Select(e => e.ErrorMessage));
    }
}
