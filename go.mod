module annals

go 1.26
