return LandlockLauncher.Run(args, message => Console.Error.WriteLine(message));
