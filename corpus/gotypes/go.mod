module goseam.dev/corpus/gotypes

go 1.19
