namespace CrossSellCrm.Web.Users;

/// <summary>The "SignIn" section: how much guessing one client address is allowed (ADR 0012).</summary>
public sealed class SignInLimits
{
    public const string Section = "SignIn";

    /// <summary>Sign-in posts one client address may send per <see cref="PostsWindow"/>, for all accounts together; then 429.</summary>
    public int PostsPerAddress { get; set; } = 20;

    public TimeSpan PostsWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wrong passwords for one account from one address before that address must wait <see cref="FailureWindow"/> for it.</summary>
    public int FailuresPerAccountAndAddress { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
