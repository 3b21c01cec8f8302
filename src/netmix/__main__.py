from netmix.cli.main import main

main()
