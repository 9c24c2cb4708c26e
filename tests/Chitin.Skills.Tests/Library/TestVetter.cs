using Chitin.Skills.Vetting;

namespace Chitin.Skills.Tests.Library;

/// <summary>The real vetter, as the library and the distiller use it.</summary>
public static class TestVetter
{
    public static ISkillVetter Create() => new SkillVetter();
}
