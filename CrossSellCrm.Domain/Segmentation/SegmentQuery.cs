using System.Globalization;
using System.Linq.Expressions;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Segmentation;

/// <summary>
/// Translates a (validated) segment rule into a predicate over customers that EF Core turns into SQL:
/// the database filters 100,000 customers; nothing is evaluated row by row in memory. Text is compared
/// as stored for equals and in, and with LIKE (case-insensitive for ASCII on SQLite) for contains and
/// starts-with. Age is turned into a birth-date range as of <c>today</c>.
/// </summary>
public static class SegmentQuery
{
    public static Expression<Func<Customer, bool>> Predicate(RuleNode rule, DateOnly today, IQueryable<Subscription> subscriptions)
    {
        var customer = Expression.Parameter(typeof(Customer), "c");
        return Expression.Lambda<Func<Customer, bool>>(Node(rule, customer, today, subscriptions), customer);
    }

    private static Expression Node(RuleNode node, ParameterExpression c, DateOnly today, IQueryable<Subscription> subscriptions)
    {
        if (node.IsGroup)
        {
            var parts = node.Rules.Select(r => Node(r, c, today, subscriptions)).ToList();
            if (parts.Count == 0) return Expression.Constant(node.Match == RuleMatch.And);
            return parts.Aggregate((a, b) => node.Match == RuleMatch.And ? Expression.AndAlso(a, b) : Expression.OrElse(a, b));
        }
        var body = Condition(node, today, subscriptions).Body;
        return new Rebind(c).Visit(body);
    }

    private static Expression<Func<Customer, bool>> Condition(RuleNode n, DateOnly today, IQueryable<Subscription> subscriptions)
    {
        var op = n.Op!.Value;
        var v = n.Values.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).ToList();
        return n.Field switch
        {
            "age" => Age(op, v.Select(int.Parse).ToList(), today),
            "gender" => Choice<Gender>(c => c.Gender, op, v),
            "income" => Choice<IncomeBand>(c => c.IncomeBand, op, v),
            "education" => Choice<EducationLevel>(c => c.Education, op, v),
            "country" => Text(c => c.Country, op, v),
            "region" => Text(c => c.Region, op, v),
            "city" => Text(c => c.City, op, v),
            "postalCode" => Text(c => c.PostalCode, op, v),
            "lifestyle" => op switch
            {
                RuleOperator.In => c => c.Lifestyle != null && v.Contains(c.Lifestyle.Code),
                RuleOperator.NotEqualTo => c => c.Lifestyle == null || !v.Contains(c.Lifestyle.Code),
                _ => c => c.LifestyleTagId == null,
            },
            "interest" => HasTag(TagKind.Interest, op, v),
            "value" => HasTag(TagKind.Value, op, v),
            "recencyDays" => Number(c => c.Behaviour.RecencyDays, op, v),
            "frequency" => Number(c => (int?)c.Behaviour.Frequency, op, v),
            "monetary" => Amount(c => c.Behaviour.Monetary, op, v),
            "recencyScore" => Number(c => (int?)c.Behaviour.RecencyScore, op, v),
            "frequencyScore" => Number(c => (int?)c.Behaviour.FrequencyScore, op, v),
            "monetaryScore" => Number(c => (int?)c.Behaviour.MonetaryScore, op, v),
            "brandLoyalty" => Share(c => c.Behaviour.BrandLoyalty, op, v),
            "topBrand" => Text(c => c.Behaviour.TopBrand, op, v),
            "categoryBreadth" => Number(c => (int?)c.Behaviour.CategoryBreadth, op, v),
            "preferredChannel" => Choice<SalesChannel>(c => c.Behaviour.PreferredChannel!.Value, op, v, nullable: c => c.Behaviour.PreferredChannel != null),
            "lastOrderAt" => Date(c => c.Behaviour.LastOrderAt, op, v),
            "subscriber" => op == RuleOperator.IsTrue
                ? c => subscriptions.Any(s => s.CustomerId == c.Id && s.Status == SubscriptionStatus.Active)
                : c => !subscriptions.Any(s => s.CustomerId == c.Id && s.Status == SubscriptionStatus.Active),
            _ => throw new ArgumentException($"Unknown field '{n.Field}': validate the rule first.", nameof(n)),
        };
    }

    /// <summary>Age N on <paramref name="today"/> ⇔ born after today − (N + 1) years and on or before today − N years.</summary>
    private static Expression<Func<Customer, bool>> Age(RuleOperator op, List<int> v, DateOnly today)
    {
        DateOnly BornLatest(int age) => today.AddYears(-age);          // at least this old
        DateOnly BornAfter(int age) => today.AddYears(-(age + 1));     // at most this old
        return op switch
        {
            RuleOperator.EqualTo => Born(BornAfter(v[0]), BornLatest(v[0])),
            RuleOperator.Between => Born(BornAfter(v[1]), BornLatest(v[0])),
            RuleOperator.AtLeast => Born(null, BornLatest(v[0])),
            _ => Born(BornAfter(v[0]), null),
        };

        static Expression<Func<Customer, bool>> Born(DateOnly? after, DateOnly? latest) =>
            (after, latest) switch
            {
                ({ } a, { } l) => c => c.BirthDate > a && c.BirthDate <= l,
                ({ } a, null) => c => c.BirthDate > a,
                (null, { } l) => c => c.BirthDate <= l,
                _ => c => c.BirthDate != null,
            };
    }

    private static Expression<Func<Customer, bool>> Choice<T>(Expression<Func<Customer, T>> field, RuleOperator op, List<string> v,
        Expression<Func<Customer, bool>>? nullable = null) where T : struct, Enum
    {
        var values = v.Select(Enum.Parse<T>).ToList();
        var test = op == RuleOperator.NotEqualTo
            ? Compose(field, f => !values.Contains(f))
            : Compose(field, f => values.Contains(f));
        if (nullable is null) return test;
        return op == RuleOperator.NotEqualTo ? Or(Not(nullable), test) : And(nullable, test);
    }

    private static Expression<Func<Customer, bool>> Text(Expression<Func<Customer, string?>> field, RuleOperator op, List<string> v)
    {
        var first = v.FirstOrDefault() ?? "";
        var (contains, startsWith) = (LikePattern.Containing(first), LikePattern.StartingWith(first));
        return op switch
        {
            RuleOperator.EqualTo => Compose(field, f => f == first),
            RuleOperator.NotEqualTo => Compose(field, f => f == null || f != first),
            RuleOperator.In => Compose(field, f => v.Contains(f!)),
            RuleOperator.Contains => Compose(field, f => EF.Functions.Like(f!, contains, LikePattern.Escape)),
            RuleOperator.StartsWith => Compose(field, f => EF.Functions.Like(f!, startsWith, LikePattern.Escape)),
            _ => Compose(field, f => f == null || f == ""),
        };
    }

    private static Expression<Func<Customer, bool>> HasTag(TagKind kind, RuleOperator op, List<string> codes) =>
        op == RuleOperator.HasTag
            ? c => c.Tags.Any(t => t.Kind == kind && codes.Contains(t.Code))
            : c => !c.Tags.Any(t => t.Kind == kind && codes.Contains(t.Code));

    private static Expression<Func<Customer, bool>> Number(Expression<Func<Customer, int?>> field, RuleOperator op, List<string> v)
    {
        var n = v.Select(x => (int?)int.Parse(x, CultureInfo.InvariantCulture)).ToList();
        var (a, b) = (n[0], n.Count > 1 ? n[1] : null);
        return op switch
        {
            RuleOperator.EqualTo => Compose(field, f => f == a),
            RuleOperator.Between => Compose(field, f => f >= a && f <= b),
            RuleOperator.AtLeast => Compose(field, f => f >= a),
            _ => Compose(field, f => f <= a),
        };
    }

    // Decimals are stored as REAL on SQLite: compare as double so the database, not the client, compares.
    private static Expression<Func<Customer, bool>> Amount(Expression<Func<Customer, decimal>> field, RuleOperator op, List<string> v) =>
        Compare(Compose(field, f => (double)f), op, v.Select(x => (double)ParseNumber(x)).ToList());

    /// <summary>A share 0–1 typed as a percentage would be a mistake: values above 1 are read as percent.</summary>
    private static Expression<Func<Customer, bool>> Share(Expression<Func<Customer, double>> field, RuleOperator op, List<string> v) =>
        Compare(field, op, v.Select(x => (double)ParseNumber(x)).Select(x => x > 1 ? x / 100 : x).ToList());

    private static Expression<Func<Customer, bool>> Compare(Expression<Func<Customer, double>> field, RuleOperator op, List<double> n)
    {
        var (a, b) = (n[0], n.Count > 1 ? n[1] : 0);
        return op switch
        {
            RuleOperator.EqualTo => Compose(field, f => f == a),
            RuleOperator.Between => Compose(field, f => f >= a && f <= b),
            RuleOperator.AtLeast => Compose(field, f => f >= a),
            _ => Compose(field, f => f <= a),
        };
    }

    private static decimal ParseNumber(string text) =>
        decimal.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static Expression<Func<Customer, bool>> Date(Expression<Func<Customer, DateTime?>> field, RuleOperator op, List<string> v)
    {
        var days = v.Select(x => DateOnly.ParseExact(x, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).ToList();
        return op switch
        {
            RuleOperator.Before => Compose(field, f => f < days[0]),
            RuleOperator.After => Compose(field, f => f >= days[0].AddDays(1)),
            RuleOperator.Between => Compose(field, f => f >= days[0] && f < days[1].AddDays(1)),
            _ => Compose(field, f => f == null),
        };
    }

    private static Expression<Func<Customer, bool>> Compose<T>(Expression<Func<Customer, T>> field, Expression<Func<T, bool>> test) =>
        Expression.Lambda<Func<Customer, bool>>(new Replace(test.Parameters[0], field.Body).Visit(test.Body), field.Parameters);

    private static Expression<Func<Customer, T>> Compose<T>(Expression<Func<Customer, decimal>> field, Expression<Func<decimal, T>> map) =>
        Expression.Lambda<Func<Customer, T>>(new Replace(map.Parameters[0], field.Body).Visit(map.Body), field.Parameters);

    private static Expression<Func<Customer, bool>> And(Expression<Func<Customer, bool>> a, Expression<Func<Customer, bool>> b) =>
        Expression.Lambda<Func<Customer, bool>>(Expression.AndAlso(a.Body, new Replace(b.Parameters[0], a.Parameters[0]).Visit(b.Body)), a.Parameters);

    private static Expression<Func<Customer, bool>> Or(Expression<Func<Customer, bool>> a, Expression<Func<Customer, bool>> b) =>
        Expression.Lambda<Func<Customer, bool>>(Expression.OrElse(a.Body, new Replace(b.Parameters[0], a.Parameters[0]).Visit(b.Body)), a.Parameters);

    private static Expression<Func<Customer, bool>> Not(Expression<Func<Customer, bool>> a) => Expression.Lambda<Func<Customer, bool>>(Expression.Not(a.Body), a.Parameters);

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>Moves a condition's body onto the shared customer parameter.</summary>
    private sealed class Rebind(ParameterExpression customer) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node.Type == typeof(Customer) ? customer : base.VisitParameter(node);
    }
}
