using System.Globalization;
using System.Text;
using Bogus;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Domain.Users;
using Microsoft.AspNetCore.Identity;
using static CrossSellCrm.Domain.DemoData.DemoCatalog;

namespace CrossSellCrm.Domain.DemoData;

/// <summary>
/// Makes believable demo data, deterministically from a seed. Each customer gets hidden tastes
/// (which product worlds they care about, sustainability, brand loyalty, price sensitivity) that
/// follow from their dimensions; orders are drawn from those tastes, and complements follow anchor
/// purchases with the probabilities in <see cref="DemoCatalog.Complements"/> — so the co-purchase
/// patterns that mining and the KPIs should find are really there. Pure: no database.
/// </summary>
public sealed class DemoDataGenerator(DemoDataOptions options)
{
    private const int HistoryDays = 730;
    private const int OfferHistoryDays = 365;
    private readonly Random _random = new(options.Seed);
    private readonly DemoDataSet _set = new();
    private readonly Dictionary<string, Category> _categoryByCode = [];
    private readonly Dictionary<int, List<(Product To, ComplementDef Def, ProductRelation Relation)>> _complementsOf = [];
    private readonly Dictionary<string, Tag> _tagByCode = [];
    private readonly Dictionary<int, List<int>> _tagIdsOfCustomer = [];
    private DateTime Start => options.AsOf.AddDays(-HistoryDays);

    public static readonly (string Id, string First, string Last)[] DemoReps =
    [
        ("rep-lena", "Lena", "Wagner"), ("rep-jonas", "Jonas", "Becker"), ("rep-aylin", "Aylin", "Demir"),
        ("rep-tom", "Tom", "Fischer"), ("rep-sophie", "Sophie", "Klein"), ("rep-marco", "Marco", "Rossi"),
    ];

    /// <summary>The demo reps' sign-in names: "lena.wagner@crm.example".</summary>
    public static string RepEmail(string first, string last) => $"{first}.{last}@crm.example".ToLowerInvariant();

    public DemoDataSet Generate(IProgress<string>? progress = null)
    {
        AddReps();
        AddTags();
        AddCatalogue();
        progress?.Report("catalogue");
        AddCustomers();
        progress?.Report("customers");
        AddHistories(progress);
        AddBehaviour();
        AddSegments();
        progress?.Report("segments");
        _set.PracticeCases.AddRange(DemoCases.For(_set.Products, _set.Relations, _set.Tags, _set.Segments, options.AsOf));
        var (sessions, answers) = DemoCases.History(_set.PracticeCases, _set.Products, _set.Relations, _set.Reps.Select(r => r.Id).ToList(), options.AsOf, _random);
        _set.PracticeSessions.AddRange(sessions);
        _set.PracticeAnswers.AddRange(answers);
        return _set;
    }

    private void AddReps()
    {
        foreach (var (id, first, last) in DemoReps)
        {
            var email = RepEmail(first, last);
            _set.Reps.Add(new CrmUser
            {
                Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"{first} {last}",
                SecurityStamp = $"stamp-{id}", ConcurrencyStamp = $"concurrency-{id}", LockoutEnabled = true,
            });
            _set.RepRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = "role-sales" });
        }
    }

    private void AddTags()
    {
        var id = 1;
        foreach (var t in DemoCatalog.Tags)
        {
            var tag = new Tag { Id = id++, Kind = t.Kind, Code = t.Code, NameEn = t.En, NameDe = t.De };
            _set.Tags.Add(tag);
            _tagByCode[t.Code] = tag;
        }
    }

    private void AddCatalogue()
    {
        var categoryId = 1;
        foreach (var c in DemoCatalog.Categories)
        {
            var category = new Category { Id = categoryId++, Code = c.Code, NameEn = c.En, NameDe = c.De, World = c.World, GenderDe = c.GenderDe, SeveralAreNormal = c.SeveralAreNormal, Version = Guid.Empty };
            _set.Categories.Add(category);
            _categoryByCode[c.Code] = category;
        }
        var productId = 1;
        foreach (var p in DemoCatalog.Products)
            _set.Products.Add(new Product
            {
                Id = productId++, Sku = p.Sku, Name = p.Name, Brand = p.Brand, CategoryId = _categoryByCode[p.Category].Id,
                Category = _categoryByCode[p.Category], Kind = p.Kind, Price = p.Price, UnitCost = p.Cost,
                IsRepeatable = p.Repeatable, BenefitEn = p.BenefitEn, BenefitDe = p.BenefitDe, GenderDe = p.GenderDe,
                CompatibilityTags = [.. p.Compat, .. p.Eco ? new[] { "eco" } : []], Version = Guid.Empty,
            });

        var relationId = 1;
        var curatedAt = Start.AddDays(-30);
        foreach (var anchor in _set.Products)
        {
            var list = new List<(Product, ComplementDef, ProductRelation)>();
            foreach (var def in Complements.Where(d => d.Anchor == anchor.Category!.Code))
                foreach (var to in _set.Products.Where(p => p.Category!.Code == def.Complement && AreCompatible(anchor.CompatibilityTags, p.CompatibilityTags)))
                {
                    var relation = new ProductRelation
                    {
                        Id = relationId++, FromProductId = anchor.Id, ToProductId = to.Id, Kind = def.Kind,
                        BundleDiscountPercent = def.Kind == RelationKind.Bundle ? 10m : null, CuratedAt = curatedAt,
                    };
                    _set.Relations.Add(relation);
                    list.Add((to, def, relation));
                }
            _complementsOf[anchor.Id] = list;
        }
        // Upgrades between plans of the same world.
        foreach (var (from, to) in new[] { ("MU-PREM", "MU-FAM"), ("FT-MEM", "FT-PREM") })
            _set.Relations.Add(new ProductRelation
            {
                Id = relationId++, FromProductId = ProductBySku(from).Id, ToProductId = ProductBySku(to).Id,
                Kind = RelationKind.Upgrade, CuratedAt = curatedAt,
            });
    }

    private Product ProductBySku(string sku) => _set.Products.First(p => p.Sku == sku);

    // ---- Customers -------------------------------------------------------------------------

    private sealed record Place(string Country, string Region, string City, string Locale, Func<Random, string> PostalCode, string PhonePrefix);

    private static readonly (Place Place, double Weight)[] Places =
    [
        (new("DE", "Berlin", "Berlin", "de", r => r.Next(10115, 14200).ToString("D5"), "30"), 14),
        (new("DE", "Hamburg", "Hamburg", "de", r => r.Next(20095, 22770).ToString("D5"), "40"), 9),
        (new("DE", "Bayern", "München", "de", r => r.Next(80331, 81930).ToString("D5"), "89"), 10),
        (new("DE", "Nordrhein-Westfalen", "Köln", "de", r => r.Next(50667, 51150).ToString("D5"), "221"), 8),
        (new("DE", "Hessen", "Frankfurt am Main", "de", r => r.Next(60311, 60600).ToString("D5"), "69"), 6),
        (new("DE", "Baden-Württemberg", "Stuttgart", "de", r => r.Next(70173, 70630).ToString("D5"), "711"), 6),
        (new("DE", "Sachsen", "Leipzig", "de", r => r.Next(4103, 4358).ToString("D5"), "341"), 5),
        (new("DE", "Nordrhein-Westfalen", "Düsseldorf", "de", r => r.Next(40210, 40630).ToString("D5"), "211"), 5),
        (new("DE", "Bayern", "Nürnberg", "de", r => r.Next(90402, 90492).ToString("D5"), "911"), 4),
        (new("DE", "Baden-Württemberg", "Freiburg im Breisgau", "de", r => r.Next(79098, 79118).ToString("D5"), "761"), 3),
        (new("DE", "Nordrhein-Westfalen", "Münster", "de", r => r.Next(48143, 48168).ToString("D5"), "251"), 3),
        (new("AT", "Wien", "Wien", "de_AT", r => (1010 + 10 * r.Next(0, 23)).ToString(CultureInfo.InvariantCulture), "1"), 5),
        (new("AT", "Steiermark", "Graz", "de_AT", r => (8010 + 10 * r.Next(0, 6)).ToString(CultureInfo.InvariantCulture), "316"), 2),
        (new("CH", "Zürich", "Zürich", "de_CH", r => (8001 + r.Next(0, 57)).ToString(CultureInfo.InvariantCulture), "44"), 4),
        (new("CH", "Basel-Stadt", "Basel", "de_CH", r => (4001 + r.Next(0, 58)).ToString(CultureInfo.InvariantCulture), "61"), 2),
        (new("GB", "England", "London", "en_GB", r => $"{Pick(r, "E1", "N1", "SW1A", "W2", "SE10", "NW3")} {r.Next(1, 10)}{(char)('A' + r.Next(0, 26))}{(char)('A' + r.Next(0, 26))}", "20"), 6),
        (new("GB", "England", "Manchester", "en_GB", r => $"M{r.Next(1, 41)} {r.Next(1, 10)}{(char)('A' + r.Next(0, 26))}{(char)('A' + r.Next(0, 26))}", "161"), 2),
        (new("GB", "Scotland", "Edinburgh", "en_GB", r => $"EH{r.Next(1, 18)} {r.Next(1, 10)}{(char)('A' + r.Next(0, 26))}{(char)('A' + r.Next(0, 26))}", "131"), 2),
    ];

    private static readonly Dictionary<string, string> CountryCallingCode = new() { ["DE"] = "49", ["AT"] = "43", ["CH"] = "41", ["GB"] = "44" };

    /// <summary>What the generator knows about a customer and the data never says outright.</summary>
    private sealed class Taste
    {
        public required double[] WorldAffinity { get; init; } // indexed by ProductWorld
        public bool Eco { get; init; }
        public string? LoyalBrand { get; init; }
        public double PriceSensitivity { get; init; }
        public double Activity { get; set; }
        public SalesChannel Channel { get; init; }
        public HashSet<int> Owned { get; } = [];
        public Dictionary<int, (DateOnly Start, DateOnly? End)> Plans { get; } = [];
        /// <summary>When something of each category was bought: a second phone within its lifetime is no purchase people make.</summary>
        public Dictionary<int, List<DateTime>> BoughtInCategory { get; } = [];
    }

    /// <summary>How long a phone, laptop, camera, pair of headphones or plan serves before its owner replaces it.</summary>
    private const double ReplacementDays = 540;

    /// <summary>
    /// Whether the customer already has something that serves the product's purpose around that time. People own one
    /// phone, one pair of headphones, one gym membership; several memory cards or lenses are normal, and a case or lens
    /// belongs to its device (a case for the second phone is no second case). An upgrade replaces what it upgrades.
    /// </summary>
    private bool HasOneAlready(Taste taste, Product product, DateTime at)
    {
        var category = DemoCatalog.Categories.First(c => c.Code == product.Category!.Code);
        if (category.SeveralAreNormal) return false;
        if (!category.IsAnchor && product.CompatibilityTags.Any(Compatibility.IsRestricting)) return false;
        return taste.BoughtInCategory.TryGetValue(product.CategoryId, out var dates) && dates.Exists(d => Math.Abs((at - d).TotalDays) < ReplacementDays);
    }

    private readonly List<Taste> _tastes = [];

    private void AddCustomers()
    {
        var fakers = new Dictionary<string, Faker>();
        var placeWeights = Places.Select(p => p.Weight).ToArray();
        var lifestyles = _set.Tags.Where(t => t.Kind == TagKind.Lifestyle).ToDictionary(t => t.Code);
        for (var i = 1; i <= options.Customers; i++)
        {
            var place = Places[WeightedIndex(placeWeights)].Place;
            if (!fakers.TryGetValue(place.Locale, out var faker))
                fakers[place.Locale] = faker = new Faker(place.Locale) { Random = new Randomizer(options.Seed + fakers.Count) };

            var age = DrawAge();
            var lifestyle = DrawLifestyle(age);
            var education = DrawEducation(age, lifestyle);
            var income = DrawIncome(age, lifestyle, education);
            var interests = DrawInterests(lifestyle);
            var values = DrawValues(lifestyle, income, interests);
            var gender = _random.NextDouble() switch { < 0.49 => Gender.Female, < 0.97 => Gender.Male, < 0.99 => Gender.Diverse, _ => Gender.Unknown };
            var first = faker.Name.FirstName(gender == Gender.Male ? Bogus.DataSets.Name.Gender.Male : Bogus.DataSets.Name.Gender.Female);
            var last = faker.Name.LastName();
            var birth = DateOnly.FromDateTime(options.AsOf).AddYears(-age).AddDays(-_random.Next(0, 365));
            // Most of the base was already there when the history starts; the rest joined steadily since.
            var createdAt = (_random.NextDouble() < 0.6
                ? options.AsOf.AddDays(-HistoryDays - _random.Next(1, 1500))
                : options.AsOf.AddDays(-_random.Next(10, HistoryDays))).AddMinutes(_random.Next(0, 1440));
            var phone = DrawPhone(place);

            var customer = new Customer
            {
                Id = i, CustomerNumber = $"C{i:D7}", FirstName = first, LastName = last,
                Email = _random.NextDouble() < 0.93 ? $"{Ascii(first)}.{Ascii(last)}{(_random.NextDouble() < 0.4 ? _random.Next(1, 99).ToString(CultureInfo.InvariantCulture) : "")}@{Pick(_random, "example.com", "example.net", "example.org")}" : null,
                Phone = phone, PhoneDigits = Customer.DigitsOf(phone),
                BirthDate = _random.NextDouble() < 0.95 ? birth : null, Gender = gender, IncomeBand = income, Education = education,
                Country = place.Country, Region = place.Region, City = place.City, PostalCode = place.PostalCode(_random),
                LifestyleTagId = lifestyles[lifestyle].Id, CreatedAt = createdAt,
                AssignedRepId = DemoReps[_random.Next(DemoReps.Length)].Id,
            };
            _set.Customers.Add(customer);
            var tagIds = interests.Concat(values).Select(code => _tagByCode[code].Id).ToList();
            _tagIdsOfCustomer[i] = [lifestyles[lifestyle].Id, .. tagIds];
            foreach (var tagId in tagIds) _set.CustomerTags.Add(new CustomerTag { CustomerId = i, TagId = tagId });

            MarketingConsent? email = null;
            foreach (var channel in new[] { ContactChannel.Phone, ContactChannel.Email, ContactChannel.Sms, ContactChannel.Post })
            {
                var p = channel switch { ContactChannel.Phone => 0.82, ContactChannel.Email => 0.7, ContactChannel.Sms => 0.35, _ => 0.5 };
                if (_random.NextDouble() < 0.9) // a few customers never answered the consent question
                {
                    var consent = new MarketingConsent { CustomerId = i, Channel = channel, Granted = _random.NextDouble() < p, ChangedAt = createdAt.AddDays(_random.Next(0, 30)) };
                    _set.Consents.Add(consent);
                    if (channel == ContactChannel.Email) email = consent;
                }
            }
            // Personalised offers in the web shop: given with the e-mail answer (as shops ask both on one form); drawn from no
            // random number, so every other figure of the demo data stays as it was.
            if (email is not null)
                _set.Consents.Add(new MarketingConsent { CustomerId = i, Channel = ContactChannel.Web, Granted = email.Granted, ChangedAt = email.ChangedAt });

            _tastes.Add(DrawTaste(lifestyle, interests, values, income));
        }
    }

    private int DrawAge()
    {
        // Adults 18–85, more of them between 25 and 55.
        var u = _random.NextDouble();
        return u switch { < 0.18 => _random.Next(18, 25), < 0.70 => _random.Next(25, 46), < 0.88 => _random.Next(46, 63), _ => _random.Next(63, 86) };
    }

    private string DrawLifestyle(int age) => age switch
    {
        < 27 => Weighted(("student", 60), ("creative", 15), ("digital-nomad", 10), ("outdoor-adventurer", 15)),
        < 46 => Weighted(("urban-professional", 40), ("family", 20), ("creative", 12), ("digital-nomad", 10), ("outdoor-adventurer", 18)),
        < 63 => Weighted(("family", 35), ("urban-professional", 30), ("outdoor-adventurer", 20), ("creative", 15)),
        _ => Weighted(("retiree", 80), ("outdoor-adventurer", 20)),
    };

    private EducationLevel DrawEducation(int age, string lifestyle) => lifestyle switch
    {
        "student" => Weighted((EducationLevel.Secondary, 70), (EducationLevel.Bachelor, 30)),
        "urban-professional" => Weighted((EducationLevel.Vocational, 20), (EducationLevel.Bachelor, 40), (EducationLevel.Master, 32), (EducationLevel.Doctorate, 8)),
        _ => age < 25
            ? Weighted((EducationLevel.Secondary, 50), (EducationLevel.Vocational, 50))
            : Weighted((EducationLevel.Secondary, 15), (EducationLevel.Vocational, 40), (EducationLevel.Bachelor, 25), (EducationLevel.Master, 17), (EducationLevel.Doctorate, 3)),
    };

    private IncomeBand DrawIncome(int age, string lifestyle, EducationLevel education)
    {
        double level = lifestyle switch { "student" => 1, "retiree" => 2.6, "urban-professional" => 3.6, "digital-nomad" => 3.0, _ => 2.8 };
        level += ((int)education - 2) * 0.35 + (age is > 35 and < 60 ? 0.3 : 0) + (_random.NextDouble() - 0.5) * 1.6;
        return (IncomeBand)Math.Clamp((int)Math.Round(level), 1, 5);
    }

    private List<string> DrawInterests(string lifestyle)
    {
        (string, double)[] weights = lifestyle switch
        {
            "student" => [("gaming", .5), ("music", .6), ("technology", .4), ("fitness", .3), ("travel", .2)],
            "urban-professional" => [("technology", .6), ("music", .35), ("fitness", .45), ("travel", .4), ("cooking", .2)],
            "family" => [("cooking", .5), ("nature", .35), ("photography", .25), ("fitness", .2), ("technology", .2)],
            "outdoor-adventurer" => [("nature", .7), ("photography", .5), ("fitness", .5), ("travel", .5)],
            "creative" => [("photography", .7), ("music", .5), ("technology", .4), ("travel", .2)],
            "digital-nomad" => [("technology", .7), ("travel", .8), ("photography", .4), ("music", .2)],
            _ => [("nature", .5), ("cooking", .5), ("travel", .4), ("photography", .3), ("music", .3)],
        };
        var chosen = weights.Where(w => _random.NextDouble() < w.Item2).Select(w => w.Item1).Take(3).ToList();
        if (chosen.Count == 0) chosen.Add(weights[0].Item1);
        return chosen;
    }

    private List<string> DrawValues(string lifestyle, IncomeBand income, List<string> interests)
    {
        var weights = new List<(string, double)>
        {
            ("sustainability", lifestyle is "student" or "outdoor-adventurer" ? .42 : .22),
            ("quality", income >= IncomeBand.UpperMiddle ? .45 : .2),
            ("price-conscious", income <= IncomeBand.LowerMiddle ? .55 : .15),
            ("convenience", lifestyle is "family" or "urban-professional" ? .4 : .2),
            ("innovation", interests.Contains("technology") ? .45 : .12),
            ("security", lifestyle == "retiree" ? .4 : .12),
        };
        var chosen = weights.Where(w => _random.NextDouble() < w.Item2).Select(w => w.Item1).Take(2).ToList();
        if (chosen.Count == 0) chosen.Add(Weighted(weights.ToArray()));
        return chosen;
    }

    private Taste DrawTaste(string lifestyle, List<string> interests, List<string> values, IncomeBand income)
    {
        var affinity = new double[5];
        affinity[(int)ProductWorld.Electronics] = 1.0 + (interests.Contains("technology") ? 1.0 : 0) + (interests.Contains("gaming") ? 0.5 : 0);
        affinity[(int)ProductWorld.Photo] = 0.15 + (interests.Contains("photography") ? 1.6 : 0);
        affinity[(int)ProductWorld.Music] = 0.3 + (interests.Contains("music") ? 1.3 : 0);
        affinity[(int)ProductWorld.Fitness] = 0.2 + (interests.Contains("fitness") ? 1.6 : 0);
        affinity[(int)ProductWorld.Software] = 0.15 + (lifestyle is "urban-professional" or "creative" or "digital-nomad" ? 0.9 : 0);
        var loyal = _random.NextDouble() < 0.3 ? Pick(_random, "Apple", "Apple", "Samsung", "Google", "Sony") : null;
        var activity = _random.NextDouble() < 0.03 ? 0 : Math.Exp(NextGaussian() * 0.7);
        return new Taste
        {
            WorldAffinity = affinity, Eco = values.Contains("sustainability"), LoyalBrand = loyal,
            PriceSensitivity = values.Contains("price-conscious") ? 1.2 : income <= IncomeBand.LowerMiddle ? 0.6 : income >= IncomeBand.High ? -0.3 : 0.1,
            Activity = activity,
            Channel = Weighted((SalesChannel.Online, 50), (SalesChannel.Store, 32), (SalesChannel.Phone, 18)),
        };
    }

    private string DrawPhone(Place place)
    {
        var cc = CountryCallingCode[place.Country];
        var mobile = _random.NextDouble() < 0.6;
        var area = mobile ? (place.Country == "GB" ? "7" + _random.Next(100, 999) : "1" + _random.Next(50, 80)) : place.PhonePrefix;
        var number = _random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        return _random.Next(4) switch
        {
            0 => $"+{cc} {area} {number}",
            1 => $"+{cc} ({area}) {number[..3]} {number[3..]}",
            2 => $"0{area} {number}",
            _ => $"0{area}/{number[..3]}-{number[3..]}",
        };
    }

    // ---- Orders, subscriptions, offers ------------------------------------------------------

    private int _orderId, _lineId, _subscriptionId, _noteId;
    private long _offerId;

    private void AddHistories(IProgress<string>? progress)
    {
        // A customer's share of the order lines grows with their activity and with how long they have been a customer.
        var weights = _set.Customers.Select((c, i) => _tastes[i].Activity * (options.AsOf - (c.CreatedAt > Start ? c.CreatedAt : Start)).TotalDays).ToArray();
        var totalWeight = weights.Sum();
        var anchorsByWorld = _set.Products.Where(p => DemoCatalog.Categories.First(c => c.Code == p.Category!.Code).IsAnchor)
            .GroupBy(p => p.Category!.World).ToDictionary(g => g.Key, g => g.ToList());
        for (var i = 0; i < _set.Customers.Count; i++)
        {
            var customer = _set.Customers[i];
            var taste = _tastes[i];
            var budget = totalWeight == 0 ? 0 : options.OrderLines * weights[i] / totalWeight;
            var from = customer.CreatedAt > Start ? customer.CreatedAt : Start;
            // Stories that write nothing (plan already held, joined yesterday) count as misses, so the loop always ends.
            var written = 0;
            for (var misses = 0; written < budget && misses < 200;)
            {
                var lines = AddPurchaseStory(customer, taste, anchorsByWorld, from);
                written += lines;
                if (lines == 0) misses++;
            }
            if ((i + 1) % 10_000 == 0) progress?.Report($"histories {i + 1:N0}/{_set.Customers.Count:N0}");
        }
        foreach (var group in _set.OrderLines.GroupBy(l => l.OrderId))
            _set.Orders[group.Key - 1].RecalculateTotals(group);
    }

    /// <summary>One anchor purchase and what followed it: complements, offers, notes. Returns lines written.</summary>
    private int AddPurchaseStory(Customer customer, Taste taste, Dictionary<ProductWorld, List<Product>> anchorsByWorld, DateTime from)
    {
        var world = (ProductWorld)WeightedIndex(taste.WorldAffinity);
        var candidates = anchorsByWorld[world];
        if (world == ProductWorld.Electronics)
        {
            var phones = _random.NextDouble() < 0.65;
            candidates = candidates.Where(p => (p.Category!.Code == "smartphones") == phones).ToList();
        }
        var anchor = candidates[WeightedIndex(candidates.Select(p => ChoiceWeight(p, taste, null)).ToArray())];
        var span = (options.AsOf - from).TotalMinutes;
        if (span < 60) return 0; // joined too recently for a story
        var at = from.AddMinutes(_random.NextDouble() * span);
        var channel = _random.NextDouble() < 0.7 ? taste.Channel : (SalesChannel)_random.Next(3);
        var isPlan = anchor.Kind == ProductKind.SubscriptionPlan;
        if (isPlan && taste.Plans.ContainsKey(anchor.Id)) return 0;
        if (!isPlan && taste.Owned.Contains(anchor.Id) && !anchor.IsRepeatable) return 0;
        if (HasOneAlready(taste, anchor, at)) return 0;

        var anchorOrder = NewOrder(customer, at, channel);
        var lines = AddLine(anchorOrder, anchor, 1, 0m, taste);
        DateOnly? planEnd = null;
        if (isPlan)
        {
            var started = DateOnly.FromDateTime(at);
            var status = Weighted((SubscriptionStatus.Active, 75), (SubscriptionStatus.Cancelled, 20), (SubscriptionStatus.Paused, 5));
            if (status == SubscriptionStatus.Cancelled)
            {
                var days = (DateOnly.FromDateTime(options.AsOf).DayNumber - started.DayNumber);
                planEnd = days > 31 ? started.AddDays(_random.Next(30, days)) : null;
                if (planEnd is null) status = SubscriptionStatus.Active;
            }
            taste.Plans[anchor.Id] = (started, planEnd);
            _set.Subscriptions.Add(new Subscription
            {
                Id = ++_subscriptionId, CustomerId = customer.Id, PlanProductId = anchor.Id, StartedOn = started,
                EndedOn = planEnd, Status = status, MonthlyPrice = anchor.Price,
            });
        }

        var offersRunning = at > options.AsOf.AddDays(-OfferHistoryDays);
        var rank = 0;
        foreach (var group in _complementsOf[anchor.Id].GroupBy(c => c.To.CategoryId))
        {
            var def = group.First().Def;
            var options_ = group.ToList();
            var pick = options_[WeightedIndex(options_.Select(c => ChoiceWeight(c.To, taste, anchor)).ToArray())];
            var buys = _random.NextDouble() < def.Probability * (taste.WorldAffinity[(int)world] > 1 ? 1.1 : 0.9);
            var hasOne = pick.Relation.Kind != RelationKind.Upgrade && HasOneAlready(taste, pick.To, at);
            buys &= !hasOne;
            var offered = offersRunning && customer.AssignedRepId is not null && _random.NextDouble() < (buys ? 0.35 : 0.3);
            if (buys)
            {
                // Almost half are added at checkout (the article's best moment), the rest follow within days.
                var sameOrder = !isPlan && _random.NextDouble() < 0.45;
                var delay = sameOrder ? 0 : -Math.Log(1 - _random.NextDouble()) * def.MeanDelayDays;
                var when = at.AddDays(delay);
                if (planEnd is { } end && DateOnly.FromDateTime(when) > end) continue;
                if (when > options.AsOf) continue;
                var order = sameOrder ? anchorOrder : NewOrder(customer, when, channel);
                var discount = sameOrder && pick.Relation.BundleDiscountPercent is { } pct ? Math.Round(pick.To.Price * pct / 100m, 2) : 0m;
                lines += AddLine(order, pick.To, 1, discount, taste);
                if (pick.To.IsRepeatable && _random.NextDouble() < 0.3)
                {
                    var later = when.AddDays(_random.Next(20, 200));
                    if (later < options.AsOf && (planEnd is null || DateOnly.FromDateTime(later) <= planEnd))
                        lines += AddLine(NewOrder(customer, later, channel), pick.To, 1, 0m, taste);
                }
                if (offered) AddOffer(customer, pick.To, anchor, order.OrderedAt, ++rank, OfferOutcome.Accepted, null);
            }
            else if (offered)
            {
                var outcome = Weighted((OfferOutcome.Declined, 65), (OfferOutcome.Later, 20), (OfferOutcome.NoAnswer, 15));
                var reason = outcome == OfferOutcome.Declined && hasOne ? DeclineReason.AlreadyOwned
                    : outcome == OfferOutcome.Declined
                    ? Weighted((DeclineReason.NotNeeded, 40), (DeclineReason.TooExpensive, 25 + 20 * taste.PriceSensitivity), (DeclineReason.AlreadyOwned, 20), (DeclineReason.NotNow, 15))
                    : (DeclineReason?)null;
                AddOffer(customer, pick.To, anchor, at.AddMinutes(_random.Next(5, 60 * 24 * 3)), ++rank, outcome, reason);
            }
        }

        // Now and then a rep pitches something unrelated — the article's "irrelevant offer" — and it rarely works.
        if (offersRunning && _random.NextDouble() < 0.06)
        {
            var random = _set.Products[_random.Next(_set.Products.Count)];
            // Unrelated, but never physically impossible: no case or lens for a device the customer lacks.
            if (random.Category!.World != world && AreCompatible([], random.CompatibilityTags) && !HasOneAlready(taste, random, at))
            {
                var accepted = _random.NextDouble() < 0.05;
                AddOffer(customer, random, null, at.AddHours(_random.Next(1, 72)), ++rank,
                    accepted ? OfferOutcome.Accepted : OfferOutcome.Declined, accepted ? null : DeclineReason.NotNeeded);
                if (accepted && at.AddDays(3) < options.AsOf) lines += AddLine(NewOrder(customer, at.AddHours(72), channel), random, 1, 0m, taste);
            }
        }

        if (rank > 0 && _random.NextDouble() < 0.4)
            _set.CallNotes.Add(new CallNote
            {
                Id = ++_noteId, CustomerId = customer.Id, RepId = customer.AssignedRepId, CreatedAt = at.AddMinutes(10), UpdatedAt = at.AddMinutes(10),
                Text = string.Format(CultureInfo.InvariantCulture, Pick(_random, NoteTemplates), anchor.Name),
            });
        return lines;
    }

    private static readonly string[] NoteTemplates =
    [
        "Called about the delivery of the {0}. Happy so far; asked how to protect it.",
        "Wants to get more out of the {0}. Prefers to think offers over; follow up by e-mail.",
        "Rief wegen {0} an. Zufrieden, fragt nach passendem Zubehör.",
        "Question about the invoice for the {0}. Resolved. Open to hearing about accessories next time.",
        "Kunde möchte keine weiteren Angebote heute. {0} funktioniert einwandfrei.",
        "Asked about warranty on the {0}; explained the terms. Interested in a bundle for a gift.",
    ];

    private double ChoiceWeight(Product p, Taste taste, Product? anchor)
    {
        var isEco = p.CompatibilityTags.Contains("eco");
        var weight = 1.0;
        weight *= isEco ? (taste.Eco ? 5 : 0.5) : 1;
        if (taste.LoyalBrand is { } brand && p.Brand == brand) weight *= 6;
        if (anchor is not null && anchor.Brand == p.Brand) weight *= 2;
        weight *= Math.Pow(100.0 / Math.Max(5.0, (double)p.Price), taste.PriceSensitivity * 0.5);
        return weight;
    }

    private Order NewOrder(Customer customer, DateTime at, SalesChannel channel)
    {
        var order = new Order
        {
            Id = ++_orderId, OrderNumber = $"O{_orderId:D8}", CustomerId = customer.Id, OrderedAt = at, Channel = channel,
            RepId = channel == SalesChannel.Online ? null : customer.AssignedRepId,
        };
        _set.Orders.Add(order);
        return order;
    }

    private int AddLine(Order order, Product product, int quantity, decimal discount, Taste taste)
    {
        var promo = discount == 0 && _random.NextDouble() < 0.05 ? Math.Round(product.Price * 0.1m, 2) : 0m;
        _set.OrderLines.Add(new OrderLine
        {
            Id = ++_lineId, OrderId = order.Id, ProductId = product.Id, Quantity = quantity,
            UnitPrice = product.Price, Discount = discount + promo, UnitCost = product.UnitCost,
        });
        taste.Owned.Add(product.Id);
        (taste.BoughtInCategory.TryGetValue(product.CategoryId, out var dates) ? dates : taste.BoughtInCategory[product.CategoryId] = []).Add(order.OrderedAt);
        // About 1 % of physical purchases come back within two weeks.
        if (product.Kind == ProductKind.Physical && _random.NextDouble() < 0.01)
        {
            var back = order.OrderedAt.AddDays(_random.Next(2, 15));
            if (back < options.AsOf)
            {
                var customer = _set.Customers[order.CustomerId - 1];
                var returnOrder = NewOrder(customer, back, order.Channel);
                _set.OrderLines.Add(new OrderLine
                {
                    Id = ++_lineId, OrderId = returnOrder.Id, ProductId = product.Id, Quantity = -quantity,
                    UnitPrice = product.Price, Discount = -(discount + promo), UnitCost = product.UnitCost,
                });
                taste.Owned.Remove(product.Id);
                return 2;
            }
        }
        return 1;
    }

    private void AddOffer(Customer customer, Product product, Product? anchor, DateTime at, int rank, OfferOutcome outcome, DeclineReason? reason)
    {
        if (at > options.AsOf) at = options.AsOf.AddMinutes(-_random.Next(1, 600));
        _set.Offers.Add(new OfferPresentation
        {
            Id = ++_offerId, CustomerId = customer.Id, ProductId = product.Id, AnchorProductId = anchor?.Id,
            RepId = customer.AssignedRepId, PresentedAt = at,
            Channel = Weighted((ContactChannel.Phone, 60), (ContactChannel.InStore, 30), (ContactChannel.Email, 10)),
            Rank = Math.Min(rank, 3), Score = Math.Round(0.2 + _random.NextDouble() * 0.7, 3),
            ReasonsShown = anchor is null ? null : $"Complements the {anchor.Name} bought on {at:yyyy-MM-dd}.",
            Outcome = outcome, DeclineReason = reason,
            FollowUpOn = outcome == OfferOutcome.Later ? DateOnly.FromDateTime(at).AddDays(_random.Next(7, 30)) : null,
            AnsweredAt = outcome == OfferOutcome.NoAnswer ? null : at.AddMinutes(_random.Next(1, 20)),
            Version = Guid.Empty,
        });
    }

    private void AddBehaviour()
    {
        var categoryOf = _set.Products.ToDictionary(p => p.Id, p => (p.Brand, p.CategoryId));
        var profiles = BehaviourCalculator.Compute(
            _set.Customers.Select(c => c.Id),
            _set.Orders.Select(o => new OrderFact(o.CustomerId, o.Id, o.OrderedAt, o.Channel)),
            _set.OrderLines.Select(l => new LineFact(l.OrderId, categoryOf[l.ProductId].Brand, categoryOf[l.ProductId].CategoryId, l.Quantity, l.Revenue)),
            options.AsOf);
        foreach (var c in _set.Customers) c.Behaviour = profiles[c.Id];
    }

    // ---- Segments ---------------------------------------------------------------------------

    /// <summary>A few starting segments, so that KPIs by segment have something to show from the first run.</summary>
    private void AddSegments()
    {
        (string Name, string NameDe, string Description, string DescriptionDe, string Rule, Func<Customer, bool> Match)[] defs =
        [
            ("Urban tech fans", "Technikfans in der Stadt", "Urban professionals interested in technology.", "Berufstätige in der Stadt, die sich für Technik interessieren.",
                """{"match":"and","rules":[{"field":"lifestyle","op":"in","values":["urban-professional"]},{"field":"interest","op":"hasTag","values":["technology"]}]}""",
                c => HasTag(c, "urban-professional") && HasTag(c, "technology")),
            ("Sustainability-minded", "Nachhaltigkeitsbewusste", "Customers who value sustainability.", "Kunden, denen Nachhaltigkeit wichtig ist.",
                """{"match":"and","rules":[{"field":"value","op":"hasTag","values":["sustainability"]}]}""", c => HasTag(c, "sustainability")),
            ("Photo enthusiasts", "Fotobegeisterte", "Interested in photography.", "Interessieren sich für Fotografie.",
                """{"match":"and","rules":[{"field":"interest","op":"hasTag","values":["photography"]}]}""", c => HasTag(c, "photography")),
            ("Fitness regulars", "Fitness-Stammgäste", "Interested in fitness.", "Interessieren sich für Fitness.",
                """{"match":"and","rules":[{"field":"interest","op":"hasTag","values":["fitness"]}]}""", c => HasTag(c, "fitness")),
            ("Students", "Studierende", "Lifestyle: student.", "Lebensstil: Studium.",
                """{"match":"and","rules":[{"field":"lifestyle","op":"in","values":["student"]}]}""", c => HasTag(c, "student")),
        ];
        var id = 1;
        foreach (var (name, nameDe, description, descriptionDe, rule, match) in defs)
        {
            var segment = new Segment
            {
                Id = id++, Name = name, NameDe = nameDe, Description = description, DescriptionDe = descriptionDe, RuleDefinition = rule, CreatedAt = Start, UpdatedAt = Start,
                MembershipComputedAt = options.AsOf, Version = Guid.Empty,
            };
            foreach (var c in _set.Customers.Where(match))
                _set.Memberships.Add(new SegmentMembership { SegmentId = segment.Id, CustomerId = c.Id, Since = c.CreatedAt });
            segment.MemberCount = _set.Memberships.Count(m => m.SegmentId == segment.Id);
            _set.Segments.Add(segment);
        }
    }

    private bool HasTag(Customer c, string code) => _tagIdsOfCustomer[c.Id].Contains(_tagByCode[code].Id);

    // ---- Random helpers ---------------------------------------------------------------------

    private int WeightedIndex(double[] weights)
    {
        var total = weights.Sum();
        var u = _random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }

    private T Weighted<T>(params (T Value, double Weight)[] choices) =>
        choices[WeightedIndex(choices.Select(c => c.Weight).ToArray())].Value;

    private static T Pick<T>(Random random, params T[] items) => items[random.Next(items.Length)];

    private double NextGaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    /// <summary>A name as it appears in an e-mail address: "Jürgen Weiß" → "juergen", "weiss".</summary>
    internal static string Ascii(string name)
    {
        var s = name.ToLowerInvariant().Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss");
        var sb = new StringBuilder();
        foreach (var ch in s.Normalize(NormalizationForm.FormD))
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(ch);
        return sb.ToString();
    }
}
