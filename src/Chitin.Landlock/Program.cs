using Chitin.Security.Sandbox.Landlock;

return LandlockLauncher.Run(args, Console.Error);
