using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Web.Kpis;

namespace CrossSellCrm.Tests.Domain;

public class DashboardQueryTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("this-month", "2026-11-01", "2026-11-28")]
    [InlineData("last-month", "2026-10-01", "2026-11-01")]
    [InlineData("quarter", "2026-08-29", "2026-11-28")]
    [InlineData("12-months", "2025-11-28", "2026-11-28")]
    public void Range_Presets(string preset, string from, string to) =>
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), DashboardQuery.Range(preset, Today));

    [Fact]
    public void Url_RoundTrips_EveryFilter()
    {
        var filter = new KpiFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1), new HashSet<int> { 3, 1 }, new HashSet<string> { "a b", "c" }, new HashSet<int> { 7 });
        var url = DashboardQuery.Url("kpis", "custom", filter);
        Assert.Equal("kpis?period=custom&from=2026-01-01&to=2026-03-31&seg=1,3&rep=a%20b,c&cat=7", url);
        var query = System.Web.HttpUtility.ParseQueryString(url.Split('?')[1]);
        var (preset, parsed, errors) = DashboardQuery.TryParse(query["period"], query["from"], query["to"], query["seg"], query["rep"], query["cat"], Today);
        Assert.Equal("custom", preset);
        Assert.Empty(errors);
        Assert.Equal((filter.From, filter.To), (parsed.From, parsed.To));
        Assert.Equal(filter.Segments, parsed.Segments);
        Assert.Equal(filter.Reps, parsed.Reps);
        Assert.Equal(filter.Categories, parsed.Categories);
    }

    [Theory]
    [InlineData("weekly", null, null, "DashErr_Preset")]
    [InlineData("custom", "2026-13-01", "2026-02-01", "DashErr_Dates")]
    [InlineData("custom", "2026-03-01", "2026-02-01", "DashErr_Order")]
    [InlineData("custom", "2000-01-01", "2026-02-01", "DashErr_TooLong")]
    public void TryParse_BadLink_FallsBackToTwelveMonthsAndSaysWhy(string period, string? from, string? to, string error)
    {
        var (preset, filter, errors) = DashboardQuery.TryParse(period, from, to, "x,2", null, null, Today);
        Assert.Equal("12-months", preset);
        Assert.Equal(DashboardQuery.Range("12-months", Today), (filter.From, filter.To));
        Assert.Contains(error, errors);
        Assert.Equal(new HashSet<int> { 2 }, filter.Segments); // the readable parts stay
    }

    [Theory]
    [InlineData(null, "2026-13-45", "2026-02-01", "DashErr_Dates")]   // dates without a period are a custom period: a bad one is said
    [InlineData(null, "2026-03-01", "2026-02-01", "DashErr_Order")]   // reversed
    [InlineData("custom", "2026-02-30", null, "DashErr_Dates")]
    public void TryParse_HandMadeDateLinks_FallBackAndSayWhy(string? period, string? from, string? to, string error)
    {
        var (preset, filter, errors) = DashboardQuery.TryParse(period, from, to, null, null, null, Today);
        Assert.Equal("12-months", preset);
        Assert.Equal(DashboardQuery.Range("12-months", Today), (filter.From, filter.To));
        Assert.Contains(error, errors);
    }

    [Fact]
    public void TryParse_UnknownOrUnreadableIds_AreLeftOutAndSaid()
    {
        var known = new DashboardChoices(new HashSet<int> { 1, 2 }, new HashSet<string> { "rep-a" }, new HashSet<int> { 7 });
        var (_, filter, errors) = DashboardQuery.TryParse(null, null, null, "1,99", "rep-a,ghost", "abc,7,8", Today, known);
        Assert.Equal(new HashSet<int> { 1 }, filter.Segments);
        Assert.Equal(new HashSet<string> { "rep-a" }, filter.Reps);
        Assert.Equal(new HashSet<int> { 7 }, filter.Categories);
        Assert.Equal(["DashErr_UnknownSegment", "DashErr_UnknownRep", "DashErr_Unreadable", "DashErr_UnknownCategory"], errors);
    }
}
