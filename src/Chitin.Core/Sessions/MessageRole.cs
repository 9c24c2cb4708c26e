namespace Chitin.Core.Sessions;

public enum MessageRole
{
    System,
    User,
    Assistant,
    Tool,
}
