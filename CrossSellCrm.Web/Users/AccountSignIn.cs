using CrossSellCrm.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace CrossSellCrm.Web.Users;

/// <summary>
/// Signs a person in with e-mail and password without telling whether the account exists: an unknown account
/// (or one that cannot sign in) costs the same password hashing as a known one and gets the same answer.
/// Failures are throttled per (account, client address) instead of locking the account (ADR 0012).
/// </summary>
public sealed class AccountSignIn(SignInManager<CrmUser> signIn, IPasswordHasher<CrmUser> hasher, SignInThrottle throttle, ILogger<AccountSignIn> logger)
{
    // A hash of a random password, made with the app's hasher and its settings: verifying against it takes as long as a real check.
    private static string? s_standIn;

    public async Task<SignInOutcome> PasswordSignInAsync(string email, string password, bool remember, string address)
    {
        if (throttle.IsPaused(email, address))
        {
            logger.LogWarning("Sign-in paused for an account from {Address}: too many failures", address);
            return SignInOutcome.Paused;
        }
        var user = await signIn.UserManager.FindByNameAsync(email);
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.SignedIn(email, address);
            logger.LogInformation("User signed in.");
            return SignInOutcome.SignedIn;
        }
        // No password was hashed for an unknown account, one without a password, or one locked or not allowed
        // (those are refused before the check): hash now, so that all of them take as long as a wrong password.
        if (user is null || user.PasswordHash is null || result.IsLockedOut || result.IsNotAllowed)
            hasher.VerifyHashedPassword(new CrmUser(), s_standIn ??= hasher.HashPassword(new CrmUser(), Guid.NewGuid().ToString()), password);
        throttle.Failed(email, address);
        return SignInOutcome.Failed;
    }
}
