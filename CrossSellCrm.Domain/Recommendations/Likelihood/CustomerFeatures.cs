using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>A customer's attributes that do not come from their purchases: what the likelihood model may use as of any moment.</summary>
public sealed record CustomerAttributes(
    int CustomerId, DateOnly? BirthDate, Gender Gender, IncomeBand Income, EducationLevel Education, string Country, string? Region,
    TagName? Lifestyle, IReadOnlyList<TagName> Interests, IReadOnlyList<TagName> Values);

/// <summary>A psychographic tag by its code and names.</summary>
public sealed record TagName(string Code, string En, string De);

/// <summary>
/// The demographic, geographic and psychographic dimensions as model features: an age band, gender, income,
/// education, country and region, lifestyle, each interest and each value. Behaviour is left to the purchases
/// themselves (the model sees them with their dates), so no feature can carry the future into a past moment.
/// </summary>
public static class CustomerFeatures
{
    /// <summary>Numbers every feature the customers hold, ages as of <paramref name="asOf"/>.</summary>
    public static (FeatureVocabulary Vocabulary, Dictionary<int, int[]> FeaturesOf) Of(IEnumerable<CustomerAttributes> customers, DateTime asOf)
    {
        var vocabulary = new FeatureVocabulary();
        var featuresOf = new Dictionary<int, int[]>();
        var today = DateOnly.FromDateTime(asOf);
        foreach (var c in customers)
            featuresOf[c.CustomerId] = FeaturesOf(c, today).Select(vocabulary.Add).Distinct().ToArray();
        return (vocabulary, featuresOf);
    }

    /// <summary>One customer's features as numbered in a trained model's vocabulary (features it never saw are left out).</summary>
    public static int[] In(FeatureVocabulary vocabulary, CustomerAttributes customer, DateTime now) =>
        FeaturesOf(customer, DateOnly.FromDateTime(now)).Select(f => vocabulary.Find(f.Code)).OfType<int>().Distinct().ToArray();

    private static IEnumerable<CustomerFeature> FeaturesOf(CustomerAttributes c, DateOnly today)
    {
        if (c.BirthDate is { } born && Customer.AgeOn(born, today) is var age and >= 0)
        {
            var (band, from, to) = age switch
            {
                < 25 => ("18-24", 18, 24), < 35 => ("25-34", 25, 34), < 45 => ("35-44", 35, 44),
                < 55 => ("45-54", 45, 54), < 65 => ("55-64", 55, 64), _ => ("65+", 65, 0),
            };
            yield return new CustomerFeature($"age:{band}",
                to == 0 ? $"customers aged {from} or more" : $"customers aged {from} to {to}",
                to == 0 ? $"Kunden ab {from} Jahren" : $"Kunden von {from} bis {to} Jahren");
        }
        if (c.Gender is Gender.Female or Gender.Male)
            yield return c.Gender == Gender.Female
                ? new CustomerFeature("gender:female", "women", "Kundinnen")
                : new CustomerFeature("gender:male", "men", "Kunden (männlich)");
        if (c.Income != IncomeBand.Unknown)
            yield return new CustomerFeature($"income:{c.Income}", $"customers with {IncomeEn(c.Income)} income", $"Kunden mit {IncomeDe(c.Income)} Einkommen");
        if (c.Education != EducationLevel.Unknown)
            yield return new CustomerFeature($"education:{c.Education}", $"customers with {EducationEn(c.Education)}", $"Kunden mit {EducationDe(c.Education)}");
        yield return new CustomerFeature($"country:{c.Country}", $"customers in {c.Country}", $"Kunden in {c.Country}");
        if (c.Region is { Length: > 0 } region)
            yield return new CustomerFeature($"region:{c.Country}:{region}", $"customers in {region}", $"Kunden in {region}");
        if (c.Lifestyle is { } lifestyle)
            yield return new CustomerFeature($"lifestyle:{lifestyle.Code}", $"customers with the lifestyle “{lifestyle.En}”", $"Kunden mit dem Lebensstil „{lifestyle.De}“");
        foreach (var interest in c.Interests)
            yield return new CustomerFeature($"interest:{interest.Code}", $"customers interested in {interest.En.ToLowerInvariant()}", $"Kunden mit Interesse an {interest.De}");
        foreach (var value in c.Values)
            yield return new CustomerFeature($"value:{value.Code}", $"customers who value {value.En.ToLowerInvariant()}", $"Kunden, denen {value.De} wichtig ist");
    }

    private static string IncomeEn(IncomeBand band) => band switch
    {
        IncomeBand.Low => "a low", IncomeBand.LowerMiddle => "a lower-middle", IncomeBand.Middle => "a middle", IncomeBand.UpperMiddle => "an upper-middle", _ => "a high",
    };

    private static string IncomeDe(IncomeBand band) => band switch
    {
        IncomeBand.Low => "niedrigem", IncomeBand.LowerMiddle => "unterem mittlerem", IncomeBand.Middle => "mittlerem", IncomeBand.UpperMiddle => "oberem mittlerem", _ => "hohem",
    };

    private static string EducationEn(EducationLevel level) => level switch
    {
        EducationLevel.Secondary => "secondary school", EducationLevel.Vocational => "vocational training", EducationLevel.Bachelor => "a bachelor's degree",
        EducationLevel.Master => "a master's degree", _ => "a doctorate",
    };

    private static string EducationDe(EducationLevel level) => level switch
    {
        EducationLevel.Secondary => "Schulabschluss", EducationLevel.Vocational => "Berufsausbildung", EducationLevel.Bachelor => "Bachelor",
        EducationLevel.Master => "Master", _ => "Promotion",
    };
}
