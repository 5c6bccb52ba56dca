from wuhai_green.entry import main

main()
