using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.DemoData;

/// <summary>
/// The demo catalogue: the article's worlds of complementary products (smartphone → case, headphones,
/// charger; laptop → mouse, keyboard, bag; camera → tripod, memory card, lens; music, fitness and
/// software plans → their add-ons), and the psychographic vocabulary.
/// </summary>
public static class DemoCatalog
{
    /// <param name="GenderDe">How German speaks of the category's products ("die Kamera"), for grammatical talking points.</param>
    /// <param name="SeveralAreNormal">Customers own several (memory cards, chargers, lenses, add-ons): another one is no substitute.</param>
    public sealed record CategoryDef(string Code, string En, string De, ProductWorld World, bool IsAnchor, GrammaticalGender GenderDe, bool SeveralAreNormal = false);

    public sealed record ProductDef(
        string Sku, string Name, string Brand, string Category, ProductKind Kind, decimal Price, decimal Cost,
        string BenefitEn, string BenefitDe, string[] Compat, bool Eco = false, bool Repeatable = false, GrammaticalGender? GenderDe = null);

    public sealed record TagDef(TagKind Kind, string Code, string En, string De);

    /// <summary>
    /// Which complement categories an anchor category has, how they are related, and the share of
    /// anchor buyers who add one (the planted co-purchase pattern), with the typical delay in days.
    /// </summary>
    public sealed record ComplementDef(string Anchor, string Complement, RelationKind Kind, double Probability, double MeanDelayDays);

    public static readonly CategoryDef[] Categories =
    [
        new("smartphones", "Smartphones", "Smartphones", ProductWorld.Electronics, true, GrammaticalGender.Neuter),
        new("phone-cases", "Phone cases", "Handyhüllen", ProductWorld.Electronics, false, GrammaticalGender.Feminine),
        new("headphones", "Headphones", "Kopfhörer", ProductWorld.Electronics, false, GrammaticalGender.Plural),
        new("chargers", "Chargers", "Ladegeräte", ProductWorld.Electronics, false, GrammaticalGender.Neuter, SeveralAreNormal: true),
        new("laptops", "Laptops", "Laptops", ProductWorld.Electronics, true, GrammaticalGender.Masculine),
        new("mice", "Mice", "Mäuse", ProductWorld.Electronics, false, GrammaticalGender.Feminine),
        new("keyboards", "Keyboards", "Tastaturen", ProductWorld.Electronics, false, GrammaticalGender.Feminine),
        new("laptop-bags", "Laptop bags", "Laptoptaschen", ProductWorld.Electronics, false, GrammaticalGender.Feminine),
        new("cameras", "Cameras", "Kameras", ProductWorld.Photo, true, GrammaticalGender.Feminine),
        new("tripods", "Tripods", "Stative", ProductWorld.Photo, false, GrammaticalGender.Neuter),
        new("memory-cards", "Memory cards", "Speicherkarten", ProductWorld.Photo, false, GrammaticalGender.Feminine, SeveralAreNormal: true),
        new("lenses", "Lenses", "Objektive", ProductWorld.Photo, false, GrammaticalGender.Neuter, SeveralAreNormal: true),
        new("music-plans", "Music streaming", "Musik-Streaming", ProductWorld.Music, true, GrammaticalGender.Neuter),
        new("music-extras", "Music extras", "Musik-Extras", ProductWorld.Music, false, GrammaticalGender.Neuter, SeveralAreNormal: true),
        new("fitness-plans", "Fitness memberships", "Fitness-Mitgliedschaften", ProductWorld.Fitness, true, GrammaticalGender.Feminine),
        new("fitness-addons", "Fitness add-ons", "Fitness-Zusatzleistungen", ProductWorld.Fitness, false, GrammaticalGender.Neuter, SeveralAreNormal: true),
        new("software-plans", "Software plans", "Software-Abos", ProductWorld.Software, true, GrammaticalGender.Neuter),
        new("software-addons", "Software add-ons", "Software-Erweiterungen", ProductWorld.Software, false, GrammaticalGender.Neuter, SeveralAreNormal: true),
    ];

    public static readonly ComplementDef[] Complements =
    [
        new("smartphones", "phone-cases", RelationKind.Accessory, 0.78, 2),
        new("smartphones", "chargers", RelationKind.Accessory, 0.35, 6),
        new("smartphones", "headphones", RelationKind.Accessory, 0.28, 12),
        new("laptops", "mice", RelationKind.Accessory, 0.55, 4),
        new("laptops", "laptop-bags", RelationKind.Accessory, 0.42, 5),
        new("laptops", "keyboards", RelationKind.Accessory, 0.30, 10),
        new("cameras", "memory-cards", RelationKind.Accessory, 0.74, 1),
        new("cameras", "tripods", RelationKind.Accessory, 0.40, 9),
        new("cameras", "lenses", RelationKind.Bundle, 0.33, 14),
        new("music-plans", "music-extras", RelationKind.AddOn, 0.36, 20),
        new("fitness-plans", "fitness-addons", RelationKind.AddOn, 0.41, 10),
        new("software-plans", "software-addons", RelationKind.AddOn, 0.38, 15),
    ];

    private static readonly string[] None = [];

    public static readonly ProductDef[] Products =
    [
        // Smartphones
        new("PH-PIX9", "Google Pixel 9", "Google", "smartphones", ProductKind.Physical, 899m, 610m, "Best-in-class camera and seven years of updates.", "Spitzenkamera und sieben Jahre Updates.", ["fits:pixel-9", "usb-c"]),
        new("PH-GS25", "Samsung Galaxy S25", "Samsung", "smartphones", ProductKind.Physical, 949m, 650m, "Bright display and a long-lasting battery.", "Helles Display und ausdauernder Akku.", ["fits:galaxy-s25", "usb-c"]),
        new("PH-IP16", "Apple iPhone 16", "Apple", "smartphones", ProductKind.Physical, 999m, 690m, "Fast, private and easy to use.", "Schnell, privat und einfach zu bedienen.", ["fits:iphone-16", "usb-c", "magsafe"]),
        new("PH-FP5", "Fairphone 5", "Fairphone", "smartphones", ProductKind.Physical, 699m, 520m, "Repairable by design, fairly sourced materials.", "Reparierbar gebaut, fair gewonnene Materialien.", ["fits:fairphone-5", "usb-c"], Eco: true),
        // Phone cases
        new("CS-PIX9", "Pixel 9 Protective Case", "Google", "phone-cases", ProductKind.Physical, 39m, 11m, "Drop protection that keeps the phone slim.", "Fallschutz, ohne das Handy dick zu machen.", ["fits:pixel-9"]),
        new("CS-GS25", "Galaxy S25 Silicone Case", "Samsung", "phone-cases", ProductKind.Physical, 35m, 9m, "Soft-touch grip and raised camera edge.", "Griffige Oberfläche und erhöhter Kamerarand.", ["fits:galaxy-s25"]),
        new("CS-IP16", "iPhone 16 MagSafe Case", "Apple", "phone-cases", ProductKind.Physical, 59m, 18m, "Snaps onto MagSafe chargers and wallets.", "Rastet an MagSafe-Ladegeräten und Wallets ein.", ["fits:iphone-16", "magsafe"]),
        new("CS-FP5", "Fairphone 5 Protective Case", "Fairphone", "phone-cases", ProductKind.Physical, 35m, 10m, "Made from recycled plastics, fits the repairable design.", "Aus recyceltem Kunststoff, passend zum reparierbaren Design.", ["fits:fairphone-5"], Eco: true),
        new("CS-PELA", "Pela Compostable Case", "Pela", "phone-cases", ProductKind.Physical, 45m, 14m, "Fully compostable and still protective.", "Vollständig kompostierbar und trotzdem schützend.", ["fits:pixel-9", "fits:iphone-16", "fits:galaxy-s25"], Eco: true),
        // Headphones
        new("HP-SXM5", "Sony WH-1000XM5", "Sony", "headphones", ProductKind.Physical, 379m, 230m, "Industry-leading noise cancelling for calls and travel.", "Führende Geräuschunterdrückung für Anrufe und Reisen.", None),
        new("HP-BOSE", "Bose QuietComfort Ultra", "Bose", "headphones", ProductKind.Physical, 449m, 270m, "Immersive sound with all-day comfort.", "Räumlicher Klang, den ganzen Tag bequem.", None),
        new("HP-APP2", "Apple AirPods Pro 2", "Apple", "headphones", ProductKind.Physical, 279m, 160m, "Switches seamlessly between your Apple devices.", "Wechselt nahtlos zwischen Ihren Apple-Geräten.", None),
        new("HP-PBP2", "Google Pixel Buds Pro 2", "Google", "headphones", ProductKind.Physical, 229m, 130m, "Tuned for Pixel, with live translation.", "Für Pixel abgestimmt, mit Live-Übersetzung.", None),
        new("HP-FBXL", "Fairbuds XL", "Fairphone", "headphones", ProductKind.Physical, 249m, 160m, "Modular headphones you can repair yourself.", "Modulare Kopfhörer, die Sie selbst reparieren können.", None, Eco: true),
        // Chargers
        new("CH-ANK65", "Anker 65W USB-C Charger", "Anker", "chargers", ProductKind.Physical, 49m, 18m, "Charges phone and laptop from one plug.", "Lädt Handy und Laptop an einem Stecker.", ["usb-c"]),
        new("CH-BLK3", "Belkin 3-in-1 MagSafe Stand", "Belkin", "chargers", ProductKind.Physical, 129m, 60m, "Phone, watch and earbuds charged on one stand.", "Handy, Uhr und Ohrhörer auf einem Ständer laden.", ["fits:iphone-16", "magsafe"], GenderDe: GrammaticalGender.Masculine),
        new("CH-SAM45", "Samsung 45W Super Fast Charger", "Samsung", "chargers", ProductKind.Physical, 49m, 17m, "Full in about an hour.", "In etwa einer Stunde voll.", ["usb-c"]),
        new("CH-PB20", "Anker Power Bank 20,000 mAh", "Anker", "chargers", ProductKind.Physical, 59m, 24m, "Three full phone charges on the go.", "Drei volle Handyladungen für unterwegs.", ["usb-c"]),
        // Laptops
        new("LT-X1C", "Lenovo ThinkPad X1 Carbon", "Lenovo", "laptops", ProductKind.Physical, 1899m, 1350m, "Light, tough and a keyboard people love.", "Leicht, robust und mit beliebter Tastatur.", ["usb-c"]),
        new("LT-MBA13", "Apple MacBook Air 13", "Apple", "laptops", ProductKind.Physical, 1299m, 900m, "Silent, all-day battery.", "Lautlos, Akku für den ganzen Tag.", ["usb-c"], GenderDe: GrammaticalGender.Neuter),
        new("LT-XPS14", "Dell XPS 14", "Dell", "laptops", ProductKind.Physical, 1599m, 1150m, "Big screen in a compact body.", "Großer Bildschirm im kompakten Gehäuse.", ["usb-c"]),
        new("LT-FW13", "Framework Laptop 13", "Framework", "laptops", ProductKind.Physical, 1199m, 880m, "Upgradeable and repairable, part by part.", "Aufrüstbar und reparierbar, Teil für Teil.", ["usb-c"], Eco: true),
        // Mice
        new("MS-MX3S", "Logitech MX Master 3S", "Logitech", "mice", ProductKind.Physical, 109m, 48m, "Precise on any surface, quiet clicks.", "Präzise auf jeder Oberfläche, leise Klicks.", None),
        new("MS-MAGIC", "Apple Magic Mouse", "Apple", "mice", ProductKind.Physical, 89m, 40m, "Gestures that feel like the trackpad.", "Gesten wie auf dem Trackpad.", None),
        new("MS-PEB2", "Logitech Pebble Mouse 2", "Logitech", "mice", ProductKind.Physical, 29m, 11m, "Slim, silent and made partly of recycled plastic.", "Flach, leise und teils aus recyceltem Kunststoff.", None, Eco: true),
        // Keyboards
        new("KB-MXKS", "Logitech MX Keys S", "Logitech", "keyboards", ProductKind.Physical, 119m, 52m, "Comfortable typing across three devices.", "Bequem tippen auf drei Geräten.", None),
        new("KB-MAGIC", "Apple Magic Keyboard", "Apple", "keyboards", ProductKind.Physical, 109m, 50m, "Pairs instantly with your Mac.", "Koppelt sofort mit Ihrem Mac.", None),
        new("KB-KCK3", "Keychron K3", "Keychron", "keyboards", ProductKind.Physical, 99m, 45m, "Low-profile mechanical keys.", "Flache mechanische Tasten.", None),
        // Laptop bags
        new("BG-PDTOTE", "Peak Design Everyday Tote", "Peak Design", "laptop-bags", ProductKind.Physical, 149m, 60m, "Padded laptop sleeve, weatherproof, lifetime guarantee.", "Gepolstertes Laptopfach, wetterfest, lebenslange Garantie.", None, Eco: true),
        new("BG-INCASE", "Incase Icon Sleeve", "Incase", "laptop-bags", ProductKind.Physical, 59m, 21m, "Slim protection for the daily commute.", "Schlanker Schutz für den Arbeitsweg.", None),
        new("BG-THULE", "Thule Subterra Backpack", "Thule", "laptop-bags", ProductKind.Physical, 129m, 55m, "Room for laptop, charger and a day's kit.", "Platz für Laptop, Ladegerät und alles für den Tag.", None, GenderDe: GrammaticalGender.Masculine),
        // Cameras
        new("CM-A7IV", "Sony Alpha 7 IV", "Sony", "cameras", ProductKind.Physical, 2499m, 1800m, "Full-frame stills and 4K video.", "Vollformat-Fotos und 4K-Video.", ["mount:sony-e"]),
        new("CM-R8", "Canon EOS R8", "Canon", "cameras", ProductKind.Physical, 1599m, 1150m, "Full frame, light enough for every day.", "Vollformat, leicht genug für jeden Tag.", ["mount:canon-rf"]),
        new("CM-XT5", "Fujifilm X-T5", "Fujifilm", "cameras", ProductKind.Physical, 1899m, 1380m, "Classic dials and film simulations.", "Klassische Drehräder und Filmsimulationen.", ["mount:fuji-x"]),
        // Tripods
        new("TR-BEFREE", "Manfrotto Befree Advanced", "Manfrotto", "tripods", ProductKind.Physical, 199m, 90m, "Steady shots, folds to travel size.", "Ruhige Aufnahmen, klappt auf Reisegröße.", None),
        new("TR-PDTRAV", "Peak Design Travel Tripod", "Peak Design", "tripods", ProductKind.Physical, 379m, 190m, "As small as a water bottle.", "So klein wie eine Wasserflasche.", None, Eco: true),
        new("TR-GORILLA", "Joby GorillaPod 3K", "Joby", "tripods", ProductKind.Physical, 89m, 35m, "Wraps around anything for creative angles.", "Hält überall für kreative Perspektiven.", None),
        // Memory cards
        new("MC-SDX128", "SanDisk Extreme Pro 128 GB", "SanDisk", "memory-cards", ProductKind.Physical, 49m, 19m, "Fast enough for 4K video and bursts.", "Schnell genug für 4K-Video und Serienbilder.", None, Repeatable: true),
        new("MC-LEX256", "Lexar Professional 256 GB", "Lexar", "memory-cards", ProductKind.Physical, 89m, 38m, "Room for a whole trip in RAW.", "Platz für eine ganze Reise in RAW.", None, Repeatable: true),
        new("MC-SONY128", "Sony Tough 128 GB", "Sony", "memory-cards", ProductKind.Physical, 119m, 55m, "Waterproof, dustproof and bend-proof.", "Wasserdicht, staubdicht und biegefest.", None, Repeatable: true),
        // Lenses
        new("LN-FE50", "Sony FE 50mm f/1.8", "Sony", "lenses", ProductKind.Physical, 279m, 150m, "Portraits with soft backgrounds.", "Porträts mit weichem Hintergrund.", ["mount:sony-e"]),
        new("LN-SG2470", "Sigma 24-70mm f/2.8 for Sony E", "Sigma", "lenses", ProductKind.Physical, 1099m, 700m, "One zoom for almost everything.", "Ein Zoom für fast alles.", ["mount:sony-e"]),
        new("LN-RF50", "Canon RF 50mm f/1.8", "Canon", "lenses", ProductKind.Physical, 229m, 120m, "Sharp, bright and tiny.", "Scharf, lichtstark und winzig.", ["mount:canon-rf"]),
        new("LN-XF35", "Fujifilm XF 35mm f/2", "Fujifilm", "lenses", ProductKind.Physical, 399m, 230m, "The classic street-photography focal length.", "Die klassische Brennweite für Street-Fotografie.", ["mount:fuji-x"]),
        // Music
        new("MU-PREM", "SoundWave Premium", "SoundWave", "music-plans", ProductKind.SubscriptionPlan, 10.99m, 6.50m, "Ad-free music, offline on every device.", "Musik ohne Werbung, offline auf jedem Gerät.", None),
        new("MU-FAM", "SoundWave Family", "SoundWave", "music-plans", ProductKind.SubscriptionPlan, 17.99m, 10.50m, "Six accounts for the whole household.", "Sechs Konten für den ganzen Haushalt.", None),
        new("MU-ALB", "Exclusive Albums Pass", "SoundWave", "music-extras", ProductKind.AddOn, 4.99m, 1.50m, "Early and exclusive releases from your favourite artists.", "Frühe und exklusive Veröffentlichungen Ihrer Lieblingskünstler.", None, GenderDe: GrammaticalGender.Masculine),
        new("MU-TIX", "Concert Ticket Presale", "SoundWave", "music-extras", ProductKind.Service, 39m, 28m, "Tickets before general sale for artists you stream.", "Tickets vor dem offiziellen Verkauf für Künstler, die Sie hören.", None, Repeatable: true, GenderDe: GrammaticalGender.Masculine),
        new("MU-HIFI", "Hi-Fi Lossless Upgrade", "SoundWave", "music-extras", ProductKind.AddOn, 3.99m, 1.00m, "CD quality and better, on supported headphones.", "CD-Qualität und besser, auf passenden Kopfhörern.", None),
        // Fitness
        new("FT-MEM", "FitClub Membership", "FitClub", "fitness-plans", ProductKind.SubscriptionPlan, 39.90m, 22m, "All studios, all classes, no contract lock-in.", "Alle Studios, alle Kurse, ohne lange Bindung.", None),
        new("FT-PREM", "FitClub Premium", "FitClub", "fitness-plans", ProductKind.SubscriptionPlan, 59.90m, 31m, "Adds sauna, towels and guest passes.", "Mit Sauna, Handtüchern und Gästekarten.", None),
        new("FT-PT5", "Personal Training (5 sessions)", "FitClub", "fitness-addons", ProductKind.Service, 249m, 150m, "A plan built around your goals, with a coach.", "Ein Plan nach Ihren Zielen, mit Coach.", None, Repeatable: true),
        new("FT-NUT", "Nutrition Plan", "FitClub", "fitness-addons", ProductKind.Service, 79m, 30m, "Meals that fit your training, from a dietitian.", "Mahlzeiten passend zum Training, von einer Ernährungsberaterin.", None, GenderDe: GrammaticalGender.Masculine),
        new("FT-REC", "Recovery & Sauna Add-on", "FitClub", "fitness-addons", ProductKind.AddOn, 14.90m, 5m, "Sauna and recovery zone after every session.", "Sauna und Regenerationsbereich nach jedem Training.", None),
        // Software
        new("SW-OFF", "OfficeSuite Business", "Officely", "software-plans", ProductKind.SubscriptionPlan, 12.50m, 3m, "Documents, mail and calendar for your business.", "Dokumente, E-Mail und Kalender für Ihr Geschäft.", None),
        new("SW-STUDIO", "Studio Pro", "Creatix", "software-plans", ProductKind.SubscriptionPlan, 24.99m, 6m, "Photo and video editing in one app.", "Foto- und Videobearbeitung in einer App.", None),
        new("SW-EXT", "Extended Features Pack", "Officely", "software-addons", ProductKind.AddOn, 6.99m, 1m, "Automation, templates and advanced reports.", "Automatisierung, Vorlagen und erweiterte Berichte.", None),
        new("SW-SUP", "Premium Support Package", "Officely", "software-addons", ProductKind.Service, 19.99m, 9m, "A named expert, answers within the hour.", "Ein fester Ansprechpartner, Antwort innerhalb einer Stunde.", None),
        new("SW-CLOUD", "Cloud Storage 1 TB", "Creatix", "software-addons", ProductKind.AddOn, 4.99m, 1.20m, "Your projects safe and on every device.", "Ihre Projekte sicher und auf jedem Gerät.", None, GenderDe: GrammaticalGender.Masculine),
    ];

    public static readonly TagDef[] Tags =
    [
        new(TagKind.Lifestyle, "student", "Student", "Studierende"),
        new(TagKind.Lifestyle, "urban-professional", "Urban professional", "Berufstätig in der Stadt"),
        new(TagKind.Lifestyle, "family", "Family life", "Familienleben"),
        new(TagKind.Lifestyle, "outdoor-adventurer", "Outdoor adventurer", "Outdoor-Abenteuer"),
        new(TagKind.Lifestyle, "creative", "Creative", "Kreativ"),
        new(TagKind.Lifestyle, "digital-nomad", "Digital nomad", "Digitaler Nomade"),
        new(TagKind.Lifestyle, "retiree", "Retired", "Im Ruhestand"),
        new(TagKind.Interest, "technology", "Technology", "Technik"),
        new(TagKind.Interest, "photography", "Photography", "Fotografie"),
        new(TagKind.Interest, "music", "Music", "Musik"),
        new(TagKind.Interest, "fitness", "Fitness", "Fitness"),
        new(TagKind.Interest, "travel", "Travel", "Reisen"),
        new(TagKind.Interest, "gaming", "Gaming", "Gaming"),
        new(TagKind.Interest, "cooking", "Cooking", "Kochen"),
        new(TagKind.Interest, "nature", "Nature", "Natur"),
        new(TagKind.Value, "sustainability", "Sustainability", "Nachhaltigkeit"),
        new(TagKind.Value, "quality", "Quality", "Qualität"),
        new(TagKind.Value, "price-conscious", "Good value", "Preisbewusstsein"),
        new(TagKind.Value, "convenience", "Convenience", "Bequemlichkeit"),
        new(TagKind.Value, "innovation", "Innovation", "Innovation"),
        new(TagKind.Value, "security", "Security", "Sicherheit"),
    ];

    /// <summary>Two complementary products go together only when compatible (see <see cref="Compatibility"/>).</summary>
    public static bool AreCompatible(IReadOnlyCollection<string> anchorTags, IReadOnlyCollection<string> complementTags) =>
        Compatibility.Fits(complementTags, anchorTags.ToHashSet());
}
