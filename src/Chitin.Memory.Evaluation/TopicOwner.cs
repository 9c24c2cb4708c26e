namespace Chitin.Memory.Evaluation;

/// <summary>What a generated fact is about: a fictional person ("{N}"), a project ("{P}"), or the user.</summary>
internal enum TopicOwner
{
    Person,
    Project,
    User,
}
