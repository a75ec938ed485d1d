using System.Net;
using System.Text.RegularExpressions;

namespace CrossSellCrm.Tests.Support;

/// <summary>Signs in through the real login form: token from the page, then a posted form.</summary>
public static partial class SignIn
{
    /// <param name="returnUrl">Where the form says to go after signing in (the login page's ReturnUrl query).</param>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken(page);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", form);
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string AntiforgeryToken(string html) => WebUtility.HtmlDecode(AntiforgeryTokenPattern().Match(html).Groups[1].Value);

    public static async Task<HttpClient> AsAsync(CrmAppFactory app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await PostLoginAsync(client, email, CrmAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();
}
