using FluentValidation;

namespace CrossSellCrm.Web.Users;

public sealed class SignInLimitsValidator : AbstractValidator<SignInLimits>
{
    public SignInLimitsValidator()
    {
        RuleFor(l => l.PostsPerAddress).GreaterThanOrEqualTo(1).WithMessage("SignIn:PostsPerAddress must be at least 1 (was {PropertyValue}).");
        RuleFor(l => l.PostsWindow).GreaterThan(TimeSpan.Zero).WithMessage("SignIn:PostsWindow must be longer than zero (was {PropertyValue}).");
        RuleFor(l => l.FailuresPerAccountAndAddress).GreaterThanOrEqualTo(1)
            .WithMessage("SignIn:FailuresPerAccountAndAddress must be at least 1 (was {PropertyValue}).");
        RuleFor(l => l.FailureWindow).GreaterThan(TimeSpan.Zero).WithMessage("SignIn:FailureWindow must be longer than zero (was {PropertyValue}).");
    }
}
