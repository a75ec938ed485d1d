namespace CrossSellCrm.Web.Users;

public enum SignInOutcome
{
    SignedIn,
    /// <summary>Wrong e-mail or password — or an account that may not sign in: one answer for all, on purpose.</summary>
    Failed,
    /// <summary>Too many failures for this account from this address: it must wait (not checked at all meanwhile).</summary>
    Paused,
}
