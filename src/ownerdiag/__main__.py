from ownerdiag.cli import main

main()
