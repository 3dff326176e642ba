performance.mark('floor:module');
