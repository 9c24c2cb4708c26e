@echo off
REM build the app
if exist out rmdir /s /q out
msbuild App.sln /p:Configuration=Release /m
xcopy /y /i bin\Release out
