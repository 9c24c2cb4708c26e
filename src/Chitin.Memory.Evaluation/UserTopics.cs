namespace Chitin.Memory.Evaluation;

/// <summary>
/// Facts about the user, each stated once. Their paraphrases are asked in the first person and share no content
/// word with the fact ("What laptop do I have?" for "The user works on a 14-inch MacBook Pro").
/// </summary>
internal static class UserTopics
{
    public static readonly FactTopic[] Queried =
    [
        User("shell", "The user's preferred shell is fish.", "user shell", "shells", "Which command-line interpreter do I run?"),
        User("laptop", "The user works on a 14-inch MacBook Pro running macOS.", "user macbook", "macbooks", "What computer do I own?"),
        User("keyboard", "The user types on a Dvorak keyboard layout.", "dvorak keyboard", "keyboards layouts", "Which key arrangement do I rely on?"),
        User("commits", "The user wants commit messages in the imperative mood, under 72 characters.", "commit messages", "committing message", "How should I phrase git log entries?"),
        User("indent", "The user indents code with two spaces, never tabs.", "indents spaces tabs", "indentation", "What whitespace style do I like?"),
        User("answers", "The user likes answers short and in bullet points.", "answers bullet points", "answering short", "How verbose should replies to me be?"),
        User("timezone", "The user's timezone is Europe/Berlin.", "user timezone", "timezones", "Which local clock applies to me?"),
        User("units", "The user measures everything in metric units.", "metric units", "measuring metric", "Kilometres or miles for me?"),
        User("dates", "The user writes dates as YYYY-MM-DD.", "dates format", "date writing", "How do I format a calendar day?"),
        User("name", "The user's name is Jordan Reyes-Whitlock.", "user name", "named", "What am I called?"),
        User("coffee", "The user drinks a flat white every morning before standup.", "flat white morning", "drinking flat whites", "What is my caffeine ritual?"),
        User("early-meetings", "The user dislikes meetings before 10 am.", "meetings before 10 am", "meeting dislike", "When am I grumpy about calls?"),
        User("reviews", "The user reviews pull requests on Tuesday and Thursday afternoons.", "reviews pull requests", "reviewing pull request", "When do I look at code changes from others?"),
        User("testing", "The user runs tests with xUnit and prefers real databases over mocks.", "xunit mocks", "mocking databases", "What is my stance on fakes?"),
        User("branches", "The user names branches like feature/short-description.", "branch names", "naming branches", "What pattern should my topic forks in git follow?"),
        User("music", "The user listens to lo-fi music while coding.", "lo-fi music coding", "listening music", "What plays in my headphones during programming?"),
        User("japanese", "The user is learning Japanese on Duolingo.", "learning japanese", "learns japanese", "Which foreign tongue am I studying?"),
        User("bike", "The user cycles to the office on Mondays and Fridays.", "cycles office", "cycling office", "Which days do I ride a bike to work?"),
        User("dentist", "The user's dentist appointment is on 14 March at 9:30.", "dentist appointment", "dentists appointments", "When do I see the tooth doctor?", MemoryLayer.Episodic),
        User("passport", "The user's passport expires in November 2027.", "passport expires", "passport expiry", "When does my travel document run out?"),
        User("diet", "The user is vegetarian but eats fish.", "vegetarian fish", "vegetarians eating fish", "What diet do I follow?"),
        User("theme", "The user prefers dark themes in every app.", "dark themes", "dark theme", "Light or dim colour scheme for me?"),
        User("school", "The user's daughter Ana starts school in September.", "daughter school", "daughters schools", "When does my kid begin classes?", MemoryLayer.Episodic),
        User("weekend-notifications", "The user hates notifications on weekends.", "notifications weekends", "notifying weekend", "Should you ping me on a Saturday?"),
        User("backup", "The user backs up the laptop to a NAS every Sunday night.", "laptop backup NAS", "backing up laptop", "Where do my files get copied for safety?"),
    ];

    private static FactTopic User(string name, string text, string keyword, string morph, string paraphrase, MemoryLayer layer = MemoryLayer.Semantic) =>
        new("user-" + name, TopicOwner.User, layer, [new(text, keyword, morph)], [paraphrase], _ => { });
}
