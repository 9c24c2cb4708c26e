using static Chitin.Memory.Evaluation.DatasetVocabulary;

namespace Chitin.Memory.Evaluation;

/// <summary>
/// Facts about fictional people ("{N}" is a full name). Paraphrases avoid the words of every shape except the name,
/// the way a user asks in their own words. Each person has at most one fact per topic, and the shapes are chosen so
/// no two facts of a person derive the same subject (which would make one supersede the other).
/// </summary>
internal static class PersonTopics
{
    public static readonly FactTopic[] Queried =
    [
        new("editor", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N}'s preferred text editor is {Editor}.", "{N} preferred text editor", "{N} prefers text editors"),
                new("{N} writes all code in {Editor} and refuses to switch.", "{N} code", "{N} writing code"),
                new("{N} uses {Editor} as the default editor for every project.", "{N} default editor", "{N} using editors by default"),
            ],
            ["What program does {N} type source files in?", "Which IDE does {N} like best?", "{N}'s tool of choice for programming?"],
            s => s["Editor"] = s.Pick(Editors)),
        new("home", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N} lives in {City}.", "{N} lives", "{N} living"),
                new("{N} moved to {City} in {Year} and has stayed there since.", "{N} moved", "{N} moving"),
                new("Home for {N} is a small flat in {City}.", "{N} home", "{N} homes"),
            ],
            ["Where is {N} based?", "Which city does {N} reside in?", "What town should a parcel for {N} be mailed to?"],
            s =>
            {
                s["City"] = s.Pick(Cities);
                s["Year"] = (2012 + s.Random.Next(13)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }),
        new("job", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N} works at {Company} as a {Role}.", "{N} works", "{N} working"),
                new("{N} joined {Company} in {Year} as a {Role}.", "{N} joined", "{N} joining"),
                new("{N} has held the {Role} role at {Company} since {Year}.", "{N} role", "{N} roles"),
            ],
            ["Who employs {N}?", "What does {N} do for a living?", "Which firm pays {N}'s salary?"],
            s =>
            {
                s["Company"] = s.Pick(Companies);
                s["Role"] = s.Pick(Roles);
                s["Year"] = (2010 + s.Random.Next(15)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }),
        new("birthday", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N}'s birthday is on {Month} {Day}.", "{N} birthday", "{N} birthdays"),
                new("{N} celebrates a birthday every year on {Month} {Day}.", "{N} celebrates birthday", "{N} celebrating birthdays"),
                new("Remember to congratulate {N} on {Month} {Day}; it is their birthday.", "congratulate {N}", "congratulations {N}"),
            ],
            ["What day was {N} born?", "When does {N} turn a year older?", "Which date should I send {N} a card?"],
            FillDate),
        new("drink", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N} drinks {Drink} every morning.", "{N} drinks", "{N} drinking"),
                new("{N} always orders {ADrink} at the café.", "{N} orders café", "{N} ordering"),
                new("For meetings, bring {N} {ADrink}.", "bring {N} meetings", "{N} meeting bringing"),
            ],
            ["What beverage should I get for {N}?", "How does {N} take their caffeine?", "Which refreshment does {N} enjoy?"],
            s =>
            {
                s["Drink"] = s.Pick(Drinks);
                s["ADrink"] = ("aeiou".Contains(s["Drink"][0], StringComparison.Ordinal) ? "an " : "a ") + s["Drink"];
            }),
        new("allergy", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N} is allergic to {Food}.", "{N} allergic", "{N} allergy"),
                new("{N} cannot eat {Food} because of an allergy.", "{N} eat allergy", "{N} allergies eating"),
                new("Keep {Food} away from {N}: severe allergy.", "{N} severe allergy", "{N} allergies"),
            ],
            ["Which food must {N} avoid?", "What ingredient makes {N} ill?", "Anything {N} has to skip at dinner?"],
            s => s["Food"] = s.Pick(Foods)),
        new("pet", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N} has a {Animal} named {PetName}.", "{N} {Animal} named", "{N} {Animal}s names"),
                new("{PetName}, {N}'s {Animal}, often shows up on video calls.", "{N} {Animal} video calls", "{N} {Animal} showing up on a video call"),
                new("{N} adopted a {Animal} called {PetName} last year.", "{N} adopted {Animal}", "{N} adopting {Animal}"),
            ],
            ["Which animal keeps {N} company at home, and what is it called?", "Who is {N}'s furry companion?", "Does {N} look after any creature?"],
            s =>
            {
                s["Animal"] = s.Pick(Animals);
                s["PetName"] = s.Pick(PetNames);
            }),
        new("hours", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N} keeps working hours of {Start} to {End} {Zone}.", "{N} working hours", "{N} work hour"),
                new("Meetings with {N} must fall between {Start} and {End} {Zone}.", "meetings {N}", "{N} meeting"),
                new("{N} comes online at {Start} {Zone} and logs off at {End}.", "{N} online logs off", "{N} logging off"),
            ],
            ["When can I schedule a call with {N}?", "What time of day is {N} reachable?", "At what times is {N} available?"],
            s =>
            {
                var start = 6 + s.Random.Next(6);
                s["Start"] = $"{start:00}:00";
                s["End"] = $"{start + 8:00}:00";
                s["Zone"] = s.Pick(TimeZones);
            }),
        new("contact", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N} prefers to be contacted on {Channel}.", "{N} contacted", "contact {N}"),
                new("The best way to reach {N} is {Channel}.", "reach {N}", "{N} reaching"),
                new("{N} ignores email; send a message on {Channel} instead.", "{N} message", "messaging {N}"),
            ],
            ["How do I get hold of {N}?", "Which app should I use to ping {N}?", "What is the quickest route to talk with {N}?"],
            s => s["Channel"] = s.Pick(Channels)),
        new("manager", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N} reports to {N2}.", "{N} reports", "{N} reporting"),
                new("{N}'s manager is {N2}.", "{N} manager", "{N} managed"),
                new("{N2} manages {N} on the {Team} team.", "manages {N}", "{N} management"),
            ],
            ["Who is {N}'s boss?", "Who does {N} answer to at work?", "Whose direct report is {N}?"],
            s =>
            {
                s["N2"] = s.OtherPerson();
                s["Team"] = s.Pick(Teams);
            }),
        new("hobby", TopicOwner.Person, MemoryLayer.Semantic,
            [
                new("{N} spends most weekends {Hobby}.", "{N} weekends", "{N} weekend"),
                new("{N} unwinds after work by {Hobby}.", "{N} unwinds after work", "{N} unwinding"),
                new("Ask {N} about {Hobby}; it is their favourite pastime.", "{N} favourite pastime", "{N} pastimes"),
            ],
            ["What does {N} do for fun?", "How does {N} relax on Saturdays?", "Which free-time activity does {N} love?"],
            s => s["Hobby"] = s.Pick(Hobbies)),
    ];

    /// <summary>Facts that share names and words with the queried ones but answer none of the queries.</summary>
    public static readonly FactTopic[] Distractors =
    [
        Distractor("asked-editor", "{N} asked {N2} which text editor to try next.", s => s["N2"] = s.OtherPerson()),
        Distractor("visited", "{N} once visited {City} for a conference.", s => s["City"] = s.Pick(Cities)),
        Distractor("forgot-birthday", "{N} forgot {N2}'s birthday last year and still feels bad about it.", s => s["N2"] = s.OtherPerson()),
        Distractor("brought-drink", "{N} brought {Drink} for everyone at the team offsite.", s => s["Drink"] = s.Pick(Drinks)),
        Distractor("blog-hobby", "{N} wrote a blog post about {Hobby} for beginners.", s => s["Hobby"] = s.Pick(Hobbies)),
        Distractor("menu-food", "{N} asked whether the offsite menu contains {Food}.", s => s["Food"] = s.Pick(Foods)),
        Distractor("recommended-editor", "{N} recommended {Editor} to {N2}, who did not like it.", s =>
        {
            s["Editor"] = s.Pick(Editors);
            s["N2"] = s.OtherPerson();
        }),
        Distractor("covered", "{N} covered for {N2} while they were on leave in {Month}.", s =>
        {
            s["N2"] = s.OtherPerson();
            s["Month"] = s.Pick(Months);
        }),
        Distractor("pet-sitting", "{N} looked after {N2}'s {Animal} for a week.", s =>
        {
            s["N2"] = s.OtherPerson();
            s["Animal"] = s.Pick(Animals);
        }),
    ];

    public static void FillDate(TopicSlots s)
    {
        s["Month"] = s.Pick(Months);
        s["Day"] = (1 + s.Random.Next(28)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static FactTopic Distractor(string name, string text, Action<TopicSlots> fill) =>
        new("distractor-" + name, TopicOwner.Person, MemoryLayer.Episodic, [new(text, "", "")], [], fill);
}
