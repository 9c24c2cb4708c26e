using static Chitin.Memory.Evaluation.DatasetVocabulary;

namespace Chitin.Memory.Evaluation;

/// <summary>
/// Facts about fictional projects ("{P}" is a codename, sometimes with a component: "Kestrel Billing"): stack,
/// commands, deployment, ownership, procedures, decisions, deadlines and incidents.
/// </summary>
internal static class ProjectTopics
{
    public static readonly FactTopic[] Queried =
    [
        new("language", TopicOwner.Project, MemoryLayer.Semantic,
            [
                new("{P} is written in {Language}.", "{P} written", "{P} writing"),
                new("The {P} codebase is mostly {Language}.", "{P} codebase", "{P} codebases"),
                new("We build {P} in {Language}.", "build {P}", "{P} building"),
            ],
            ["Which programming language powers {P}?", "What stack does {P} run on?", "{P} implementation tech?"],
            s => s["Language"] = s.Pick(Languages)),
        new("test-command", TopicOwner.Project, MemoryLayer.Procedural,
            [
                new("The {P} test command is `{Command}`.", "{P} test command", "{P} testing commands"),
                new("Run `{Command}` to test {P}.", "test {P}", "{P} tests"),
                new("To run the {P} tests, use `{Command}`.", "run {P} tests", "running {P} test"),
            ],
            ["How do I check that {P} still works after a change?", "How do I verify {P} before pushing?", "What do I type to make sure {P} isn't broken?"],
            s => s["Command"] = s.Pick(TestCommands)),
        new("deploy", TopicOwner.Project, MemoryLayer.Semantic,
            [
                new("{P} deploys to {Cloud} in {Region}.", "{P} deploys", "{P} deployment"),
                new("Production for {P} runs on {Cloud} ({Region}).", "{P} production", "{P} running production"),
                new("We host {P} on {Cloud}, region {Region}.", "host {P}", "{P} hosting"),
            ],
            ["Where do {P}'s servers live?", "Which provider serves {P} to customers?", "Where does {P} go live?"],
            s =>
            {
                s["Cloud"] = s.Pick(Clouds);
                s["Region"] = s.Pick(Regions);
            }),
        new("database", TopicOwner.Project, MemoryLayer.Semantic,
            [
                new("{P} stores its data in {Database}.", "{P} data stores", "{P} storing data"),
                new("The primary database for {P} is {Database}.", "{P} primary database", "{P} databases"),
                new("{P} keeps everything in a {Database} cluster.", "{P} cluster", "{P} clusters"),
            ],
            ["Where does {P} persist its records?", "What datastore sits behind {P}?", "Which DB engine does {P} depend on?"],
            s => s["Database"] = s.Pick(Databases)),
        new("lead", TopicOwner.Project, MemoryLayer.Semantic,
            [
                new("The tech lead of {P} is {N}.", "{P} tech lead", "{P} leading tech"),
                new("Questions about {P} go to {N}, who leads it.", "questions {P}", "{P} question"),
                new("{N} has led {P} since {Year}.", "led {P}", "{P} leader"),
            ],
            ["Who is in charge of {P}?", "Who owns {P}?", "Who makes the calls on {P}?"],
            s =>
            {
                s["N"] = s.OtherPerson();
                s["Year"] = (2015 + s.Random.Next(10)).ToString(CultureInfo.InvariantCulture);
            }),
        new("release", TopicOwner.Project, MemoryLayer.Procedural,
            [
                new("To release {P}: {Step1}, then {Step2}, then {Step3}.", "release {P}", "releasing {P}"),
                new("Releasing {P} means: {Step1}, {Step2} and finally {Step3}.", "releasing {P}", "{P} release"),
                new("{P} release checklist: {Step1}; {Step2}; {Step3}.", "{P} release checklist", "{P} releases checklists"),
            ],
            ["How do we ship a new version of {P}?", "What are the steps to put out {P}?", "How does {P} get to users?"],
            s =>
            {
                var steps = ReleaseSteps.OrderBy(_ => s.Random.Next()).Take(3).ToArray();
                s["Step1"] = steps[0];
                s["Step2"] = steps[1];
                s["Step3"] = steps[2];
            }),
        new("decision", TopicOwner.Project, MemoryLayer.Semantic,
            [
                new("In {Month} {Year} the {P} team decided to {Decision} because {Reason}.", "{P} decided", "{P} decision"),
                new("{P} will {Decision}; the reason given was that {Reason}.", "{P} reason", "{P} reasons"),
                new("We agreed to {Decision} for {P} after {Reason}.", "agreed {P}", "{P} agreement"),
            ],
            ["What did the {P} group settle on?", "Which direction was chosen for {P}?", "Why is {P} changing course?"],
            s =>
            {
                s["Decision"] = s.Pick(Decisions);
                s["Reason"] = s.Pick(Reasons);
                s["Month"] = s.Pick(Months);
                s["Year"] = (2021 + s.Random.Next(5)).ToString(CultureInfo.InvariantCulture);
            }),
        new("deadline", TopicOwner.Project, MemoryLayer.Semantic,
            [
                new("{P} {Version} is due on {Month} {Day}.", "{P} {Version} due", "{P} {Version} due dates"),
                new("The {P} {Version} deadline is {Month} {Day}.", "{P} deadline", "{P} deadlines"),
                new("{P} must ship {Version} by {Month} {Day}.", "{P} ship {Version}", "{P} shipping {Version}"),
            ],
            ["When does the next {P} version have to be out?", "By what date must {P} go live?", "What's the cutoff for {P}?"],
            s =>
            {
                PersonTopics.FillDate(s);
                s["Version"] = string.Create(CultureInfo.InvariantCulture, $"v{1 + s.Random.Next(9)}.{s.Random.Next(10)}");
            }),
        new("ci", TopicOwner.Project, MemoryLayer.Semantic,
            [
                new("{P} CI runs on {Ci}.", "{P} CI", "{P} CI running"),
                new("Builds for {P} run in {Ci}.", "{P} builds", "{P} building"),
                new("Every push to {P} triggers a {Ci} pipeline.", "{P} pipeline", "{P} pipelines triggered"),
            ],
            ["What compiles {P} automatically after each commit?", "Which automation service checks {P}'s merges?", "Where does {P} get verified on every change?"],
            s => s["Ci"] = s.Pick(CiServices)),
        new("repository", TopicOwner.Project, MemoryLayer.Semantic,
            [
                new("The {P} repository lives at git.example.org/{Team}/{Slug}.", "{P} repository", "{P} repositories"),
                new("{P} source code: git.example.org/{Team}/{Slug}", "{P} source code", "{P} sources"),
                new("Clone {P} from git.example.org/{Team}/{Slug}.", "clone {P}", "cloning {P}"),
            ],
            ["Where can I fetch {P}'s files from?", "What's the URL to check out {P}?", "Where is {P} kept under version control?"],
            s =>
            {
                s["Team"] = s.Pick(Teams);
                s["Slug"] = s["P"].ToLowerInvariant().Replace(' ', '-');
            }),
        new("incident", TopicOwner.Project, MemoryLayer.Episodic,
            [
                new("During the {Month} {Day} incident, {P} was down for {Minutes} minutes because of {Cause}.", "{P} incident", "{P} incidents"),
                new("{P} had an outage on {Month} {Day} caused by {Cause}.", "{P} outage", "{P} outages"),
            ],
            ["How long was {P} unavailable, and why?", "What broke {P} last time?", "When did {P} stop working?"],
            s =>
            {
                PersonTopics.FillDate(s);
                s["Minutes"] = (5 + s.Random.Next(180)).ToString(CultureInfo.InvariantCulture);
                s["Cause"] = s.Pick(Causes);
            }),
        new("roadmap", TopicOwner.Project, MemoryLayer.Episodic,
            [
                new("{N} presented the {P} roadmap at the {Month} all-hands.", "{P} roadmap", "{P} roadmaps presented"),
                new("At the {Month} all-hands, {N} walked everyone through the {P} roadmap.", "{P} roadmap all-hands", "{P} roadmaps"),
            ],
            ["Who explained where {P} is heading?", "Who talked about {P}'s plans for the coming year?", "Who gave the {P} outlook talk?"],
            s =>
            {
                s["N"] = s.OtherPerson();
                s["Month"] = s.Pick(Months);
            }),
    ];

    public static readonly FactTopic[] Distractors =
    [
        Distractor("blog-tests", "{N} wrote a blog post about the {P} test suite.", s => s["N"] = s.OtherPerson()),
        Distractor("recommended-db", "{N} recommended {Database} to the {P} team, but they kept their current setup.", s =>
        {
            s["N"] = s.OtherPerson();
            s["Database"] = s.Pick(Databases);
        }),
        Distractor("readme", "The {P} README still mentions the old deploy script.", _ => { }),
        Distractor("customer-region", "A {P} customer asked about hosting in {Region}.", s => s["Region"] = s.Pick(Regions)),
        Distractor("demo", "The board saw a {P} demo in {Month}.", s => s["Month"] = s.Pick(Months)),
        Distractor("flaky", "Two {P} tests are flaky on {Ci}.", s => s["Ci"] = s.Pick(CiServices)),
        Distractor("language-trial", "{N} tried porting part of {P} to {Language} as an experiment.", s =>
        {
            s["N"] = s.OtherPerson();
            s["Language"] = s.Pick(Languages);
        }),
    ];

    private static FactTopic Distractor(string name, string text, Action<TopicSlots> fill) =>
        new("distractor-" + name, TopicOwner.Project, MemoryLayer.Episodic, [new(text, "", "")], [], fill);
}
