namespace Chitin.Memory.Evaluation;

/// <summary>
/// The fictional world of the retrieval dataset: names, places, tools and values. Changing any list changes the
/// generated data, so <see cref="RetrievalDataset.GeneratorVersion"/> must be raised with it.
/// </summary>
internal static class DatasetVocabulary
{
    public static readonly string[] FirstNames =
    [
        "Maya", "Omar", "Ingrid", "Tariq", "Lucía", "Kenji", "Amara", "Felix", "Priya", "Mateo",
        "Signe", "Kwame", "Elif", "Dmitri", "Noor", "Henrik", "Yara", "Rafael", "Aiko", "Tomasz",
        "Chiara", "Obinna", "Freya", "Arjun", "Lena", "Santiago", "Mei", "Emeka", "Sofia", "Bilal",
        "Astrid", "Jonas", "Leila", "Mikhail", "Zainab", "Pablo", "Hana", "Oskar", "Farah", "Ravi",
        "Nadia", "Theo", "Imani", "Luca", "Saoirse", "Haruto", "Aisha", "Bruno", "Greta", "Kofi",
        "Anouk", "Viktor", "Selin", "Diego", "Maren", "Idris", "Clara", "Yusuf", "Eun-ji", "Marek",
        "Ines", "Tobias", "Zara", "Andrei", "Leilani", "Nikolai", "Rosa", "Kai", "Amina", "Gustav",
        "Nia", "Emil", "Paloma", "Sven", "Ayesha", "Hugo", "Mirela", "Ahmed", "Tove", "Joaquín",
        "Keiko", "Elias", "Fatima", "Lars", "Ximena", "Ibrahim", "Vera", "Niko", "Adaeze", "Anton",
        "Lior", "Camille", "Rustam", "Isla", "Hamza", "Birgit", "Wei", "Esther", "Olu", "Petra",
    ];

    public static readonly string[] LastNames =
    [
        "Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Novak", "Silva", "Brennan", "Kowalski", "Achebe",
        "Sørensen", "Rahman", "Castillo", "Ivanova", "Mensah", "Fischer", "Nakamura", "Oyelaran", "Petrov", "Quinn",
        "Bergström", "Ferreira", "Kaya", "Adeyemi", "Holm", "Delgado", "Sato", "Nwosu", "Varga", "Lund",
        "Mahmoud", "Rossi", "Kim", "Eriksen", "Dubois", "Mbeki", "Horvat", "Costa", "Yilmaz", "Abara",
        "Jensen", "Navarro", "Hoffmann", "Okonkwo", "Larsen", "Romero", "Watanabe", "Dvořák", "Banerjee", "Schultz",
        "Oduya", "Marchetti", "Aziz", "Kovacs", "Nilsen", "Ortega", "Park", "Vogel", "Chukwu", "Almeida",
        "Sandoval", "Ekström", "Bianchi", "Farouk", "Wójcik", "Gallagher", "Osei", "Keller", "Murata", "Pereira",
        "Strand", "Demir", "Lindgren", "Alvarez", "Hughes", "Zubair", "Janssen", "Moretti", "Takahashi", "Boateng",
        "Mäkinen", "Reyes", "Kaur", "Whitfield", "Baptiste", "Sokolov", "Ueda", "Fontaine", "Nyberg", "Cardoso",
        "Hassan", "Lombardi", "Ito", "Mwangi", "Berger", "Santos", "Aydın", "Kristiansen", "Obi", "Ruiz",
    ];

    public static readonly string[] Codenames =
    [
        "Bluefin", "Kestrel", "Juniper", "Basalt", "Marigold", "Osprey", "Tundra", "Quartz", "Heron", "Cobalt",
        "Lantern", "Falcon", "Saffron", "Glacier", "Ember", "Pelican", "Cedar", "Orchid", "Granite", "Wren",
        "Meridian", "Sequoia", "Comet", "Nimbus", "Lynx", "Obsidian", "Puffin", "Aurora", "Thistle", "Zephyr",
        "Magpie", "Horizon", "Sparrow", "Tamarind", "Beacon", "Cormorant", "Driftwood", "Fjord", "Garnet", "Hazel",
        "Ibis", "Jasper", "Kelp", "Lagoon", "Mistral", "Nettle", "Onyx", "Pebble", "Quill", "Rook",
        "Sable", "Tern", "Umber", "Vireo", "Willow", "Yarrow", "Zinnia", "Albatross", "Bramble", "Cinder",
        "Dune", "Egret", "Fennel", "Gull", "Heather", "Indigo", "Jackdaw", "Kingfisher", "Larch", "Moss",
        "Narwhal", "Oriole", "Pinecone", "Quokka", "Raven", "Starling", "Topaz", "Urchin", "Vesper", "Walrus",
        "Alder", "Birch", "Coral", "Dahlia", "Estuary", "Finch", "Gannet", "Hollow", "Iris", "Jetty",
        "Kiwi", "Lichen", "Marten", "Nectar", "Otter", "Plover", "Reef", "Shale", "Tidewater", "Vantage",
    ];

    /// <summary>"" stands for the bare codename ("Kestrel"); the others make "Kestrel Billing".</summary>
    public static readonly string[] ProjectParts =
    [
        "", "API", "Web", "Mobile", "Billing", "Search", "Sync", "Gateway", "Analytics", "Admin",
        "Notifications", "Payments", "Auth", "Reporting", "Scheduler", "Importer", "Exporter", "Dashboard", "Ledger", "Inventory",
        "Checkout", "Pipeline", "Indexer", "Monitor", "CLI", "Desktop", "Worker", "Proxy", "Cache", "Mailer",
    ];

    public static readonly string[] Editors =
    [
        "Helix", "Neovim", "Vim", "Emacs", "VS Code", "Zed", "Sublime Text", "IntelliJ IDEA", "Rider", "Kakoune",
        "Nano", "Xcode", "Fleet", "Geany", "BBEdit",
    ];

    public static readonly string[] Cities =
    [
        "Lisbon", "Porto", "Tallinn", "Oslo", "Nairobi", "Montreal", "Osaka", "Valparaíso", "Ghent", "Leeds",
        "Bergen", "Kraków", "Tbilisi", "Accra", "Rotterdam", "Brno", "Medellín", "Cork", "Turku", "Busan",
        "Lyon", "Adelaide", "Halifax", "Ljubljana", "Kigali", "Bologna", "Gdańsk", "Sapporo", "Leipzig", "Aarhus",
    ];

    public static readonly string[] Companies =
    [
        "Northwind Labs", "Brightwater Analytics", "Quillfeather", "Tidewell Systems", "Orchard & Vale", "Copperleaf Health",
        "Lumen Freight", "Halcyon Robotics", "Meridian Bank", "Foxglove Games", "Granite Peak Insurance", "Saltmarsh Media",
        "Bluebell Energy", "Ironbark Logistics", "Parcel Pigeon", "Cloudberry Foods", "Stonegate Legal", "Verdant Agritech",
    ];

    public static readonly string[] Roles =
    [
        "site reliability engineer", "product designer", "data scientist", "backend developer", "engineering manager",
        "technical writer", "QA lead", "security analyst", "mobile developer", "solutions architect", "frontend developer",
        "database administrator", "support engineer", "machine learning engineer", "release manager",
    ];

    public static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    public static readonly string[] Drinks =
    [
        "oat flat white", "black coffee", "green tea", "sparkling water", "yerba mate", "chai latte", "double espresso",
        "rooibos tea", "decaf americano", "matcha latte", "cold brew", "hot chocolate", "cortado", "earl grey tea", "lemon water",
    ];

    public static readonly string[] Foods =
    [
        "peanuts", "shellfish", "sesame", "walnuts", "kiwi", "eggs", "soy", "mustard", "celery", "strawberries",
        "cashews", "wheat", "milk", "almonds", "sunflower seeds",
    ];

    public static readonly string[] Animals =
    [
        "dog", "cat", "parrot", "tortoise", "rabbit", "ferret", "hamster", "corgi", "beagle", "greyhound", "cockatiel", "lizard",
    ];

    public static readonly string[] PetNames =
    [
        "Biscuit", "Pixel", "Mango", "Clementine", "Turbo", "Noodle", "Pepper", "Ziggy", "Waffles", "Olive",
        "Boris", "Luna", "Gizmo", "Marzipan", "Tofu", "Rascal", "Pickle", "Sprocket", "Dumpling", "Nugget",
    ];

    public static readonly string[] TimeZones = ["CET", "UTC", "Eastern Time", "Pacific Time", "IST", "JST", "AEST", "BRT", "EET", "GMT"];

    public static readonly string[] Channels =
    [
        "Signal", "Slack", "Matrix", "a phone call", "Telegram", "WhatsApp", "SMS", "Discord", "Zulip", "Microsoft Teams",
    ];

    public static readonly string[] Hobbies =
    [
        "bouldering", "sailing", "birdwatching", "kayaking", "woodworking", "gardening", "cycling", "surfing", "fishing",
        "knitting", "geocaching", "skateboarding", "rowing", "hiking", "painting watercolours",
    ];

    public static readonly string[] Languages =
    [
        "Rust", "Go", "TypeScript", "Python", "Kotlin", "C#", "Elixir", "Java", "Swift", "Ruby", "Scala", "Zig", "OCaml", "Clojure", "PHP",
    ];

    public static readonly string[] TestCommands =
    [
        "make test", "npm test", "cargo test --workspace", "pytest -q", "go test ./...", "dotnet test", "./gradlew check",
        "bundle exec rspec", "mix test", "just test", "yarn vitest run", "tox -e py312", "swift test", "mvn verify",
    ];

    public static readonly string[] Clouds =
    [
        "AWS", "Google Cloud", "Azure", "Hetzner", "Fly.io", "DigitalOcean", "OVHcloud", "Scaleway", "Render", "a bare-metal rack",
    ];

    public static readonly string[] Regions =
    [
        "eu-west-1", "us-east-2", "europe-west4", "ap-southeast-2", "Frankfurt", "Helsinki", "São Paulo", "Singapore", "Toronto", "Mumbai",
    ];

    public static readonly string[] Databases =
    [
        "PostgreSQL 16", "MySQL 8", "SQLite", "MongoDB", "Cassandra", "CockroachDB", "Redis", "DynamoDB", "ClickHouse",
        "MariaDB", "FoundationDB", "Neo4j",
    ];

    public static readonly string[] ReleaseSteps =
    [
        "bump the version in version.txt", "tag the commit", "wait for the green build", "publish the changelog",
        "announce it in #releases", "run the smoke tests", "merge the release branch into main", "sign the artifacts",
        "update the Helm chart", "notify the support team", "upload the build to the staging bucket", "close the milestone",
    ];

    public static readonly string[] Decisions =
    [
        "move from REST to gRPC", "drop support for Python 3.8", "adopt trunk-based development", "replace Jenkins with GitHub Actions",
        "put every new feature behind a flag", "freeze the public API until the audit ends", "rewrite the importer in Rust",
        "switch logging to OpenTelemetry", "stop supporting Internet Explorer", "split the monolith into three services",
        "pin all dependencies", "move nightly jobs to Kubernetes CronJobs",
    ];

    public static readonly string[] Reasons =
    [
        "latency was too high", "the maintenance cost kept growing", "the security audit flagged it", "customers asked for it",
        "the old setup broke twice in one month", "onboarding took too long", "the license changed", "hosting costs doubled",
    ];

    public static readonly string[] CiServices =
    [
        "GitHub Actions", "GitLab CI", "Jenkins", "Buildkite", "CircleCI", "Drone", "TeamCity", "Woodpecker", "Azure Pipelines", "Forgejo Actions",
    ];

    public static readonly string[] Teams = ["platform", "payments", "growth", "infra", "mobile", "data", "core", "tools"];

    public static readonly string[] Causes =
    [
        "an expired TLS certificate", "a full disk on the primary", "a bad config push", "a DNS misconfiguration",
        "a runaway migration", "a memory leak in the worker", "an upstream provider outage", "a missing database index",
    ];
}
