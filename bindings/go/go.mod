module wasmc.dev/go/wasmc

go 1.24
