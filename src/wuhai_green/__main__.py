from wuhai_green.cli import main

main()
