from magcalc.cli import main

main()
