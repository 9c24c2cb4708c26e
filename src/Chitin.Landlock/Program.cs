using Chitin.Security.Sandbox.Landlock;

return LandlockLauncher.Run(args, message => Console.Error.WriteLine(message));
